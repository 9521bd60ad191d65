#!/usr/bin/env bash
# What the login CAPTCHA's proof of work (ALTCHA, SHA-256) costs a script: the mean time a
# plain solver on one core needs, in Python (hashlib) and in Java (MessageDigest), for the
# maximum number the server uses (CaptchaService.MAX_NUMBER) and for the old 100,000.
#   bash bench/captcha.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
max=$(grep -oE 'MAX_NUMBER = [0-9_]+' src/main/java/com/penguinmails/identity/internal/CaptchaService.java \
	| grep -oE '[0-9_]+$' | tr -d _)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/solve.py" <<'PY'
import hashlib, random, sys, time
maxn, runs = int(sys.argv[1]), int(sys.argv[2])
rnd = random.Random(1)
total = 0
for _ in range(runs):
    salt = "%016x?expires=1900000000&" % rnd.getrandbits(64)
    secret = rnd.randint(0, maxn)
    target = hashlib.sha256((salt + str(secret)).encode()).hexdigest()
    start = time.perf_counter()
    for n in range(maxn + 1):
        if hashlib.sha256((salt + str(n)).encode()).hexdigest() == target:
            break
    total += time.perf_counter() - start
print("python  maxnumber %9d: mean solve %6.0f ms over %d runs" % (maxn, total / runs * 1000, runs))
PY
cat >"$work/Solve.java" <<'JAVA'
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;

public class Solve {
	public static void main(String[] args) throws Exception {
		long max = Long.parseLong(args[0]);
		int runs = Integer.parseInt(args[1]);
		Random random = new Random(1);
		MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
		long total = 0;
		for (int i = 0; i < runs + 3; i++) { // 3 runs to warm the JIT up, not counted
			String salt = Long.toHexString(random.nextLong()) + "?expires=1900000000&";
			long secret = (long) (random.nextDouble() * max);
			byte[] target = sha256.digest((salt + secret).getBytes());
			long start = System.nanoTime();
			for (long n = 0; n <= max; n++) {
				if (Arrays.equals(sha256.digest((salt + n).getBytes()), target)) {
					break;
				}
			}
			if (i >= 3) {
				total += System.nanoTime() - start;
			}
		}
		System.out.printf("java    maxnumber %9d: mean solve %6.0f ms over %d runs%n", max, total / 1e6 / runs, runs);
	}
}
JAVA
echo "one core of $(nproc), $(java -version 2>&1 | head -1), $(python3 --version)"
for m in 100000 "$max"; do
	taskset -c 0 python3 "$work/solve.py" "$m" "$runs"
	taskset -c 0 java "$work/Solve.java" "$m" "$runs"
done
