#!/usr/bin/env python3
"""Builds the compressed and mail fixtures of this folder from its XML files.

The XML files are written by hand in the shapes of the reporters' real files (element order,
indentation, file names, MIME types, transfer encodings). Run from this folder:
  /usr/bin/python3 make-fixtures.py
Output is deterministic (gzip mtime 0, fixed zip dates), so re-running changes nothing.
"""
import base64
import gzip
import io
import quopri
import zipfile

DATE = (2023, 11, 16, 0, 0, 0)


def gz(data):
    return gzip.compress(data, mtime=0)


def zipped(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = zipfile.ZIP_STORED if name.endswith("/") else zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return out.getvalue()


def read(name):
    with open(name, "rb") as f:
        return f.read()


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


def b64(data):
    text = base64.b64encode(data).decode()
    return "\r\n".join(text[i:i + 76] for i in range(0, len(text), 76))


def message(headers, body):
    return ("\r\n".join(headers) + "\r\n\r\n" + body + "\r\n").encode()


def attachment_mail(sender, subject, boundary, text, content_type, file_name, data, extra=""):
    body = "\r\n".join([
        "--" + boundary,
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 7bit",
        "",
        text,
        "--" + boundary,
        content_type,
        "Content-Transfer-Encoding: base64",
        'Content-Disposition: attachment; filename="%s"%s' % (file_name, extra),
        "",
        b64(data),
        "--" + boundary + "--",
    ])
    return message([
        "From: %s" % sender,
        "To: dmarc@example.com",
        "Subject: %s" % subject,
        "Date: Thu, 16 Nov 2023 01:02:03 +0000",
        "Message-ID: <%s@fixtures.example>" % boundary,
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="%s"' % boundary,
    ], body)


google_name = "google.com!example.com!1700006400!1700092799"
google_zip = zipped([(google_name + ".xml", read("google.xml"))])
write(google_name + ".zip", google_zip)
outlook_name = "enterprise.protection.outlook.com!example.com!1700006400!1700092800.xml.gz"
write(outlook_name, gz(read("outlook.xml")))
yahoo_name = "yahoo.com!example.com!1700006400!1700092799.xml.gz"
write(yahoo_name, gz(read("yahoo.xml")))
mailru_name = "mail.ru!example.com!1700006400!1700092800.xml.gz"
write(mailru_name, gz(read("mailru.xml")))
write("several.zip", zipped([
    ("reports/", b""),
    ("reports/" + google_name + ".xml", read("google.xml")),
    ("reports/receiver.example!example.com!1700006400!1700092800.xml.gz", gz(read("rfc9990.xml"))),
    ("README.txt", b"DMARC reports for example.com\n"),
    ("__MACOSX/reports/._" + google_name + ".xml", b"\x00\x05\x16\x07 Mac OS X resource fork"),
]))
write("malformed-garbage.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"this is not deflate data" * 4)

write("google.eml", attachment_mail(
    "noreply-dmarc-support@google.com", "Report domain: example.com Submitter: google.com Report-ID: 4785136913372904458",
    "google_boundary_0001", "This is an aggregate report from google.com.",
    'Content-Type: application/zip; name="%s.zip"' % google_name, google_name + ".zip", google_zip))
write("outlook.eml", attachment_mail(
    "dmarcreport@microsoft.com", "Report Domain: example.com Submitter: enterprise.protection.outlook.com Report-ID: <a3f1c2d4e5b64789a0b1c2d3e4f5a6b7>",
    "_000_outlook_boundary_", "This is a DMARC aggregate report from Microsoft Corporation.",
    'Content-Type: application/gzip; name="%s"' % outlook_name, outlook_name, read(outlook_name)))
write("yahoo.eml", attachment_mail(
    "dmarchelp@yahooinc.com", "Report Domain: example.com Submitter: Yahoo Report-ID: <1700092800.527381>",
    "----=_Part_yahoo_1", "This is an aggregate report from Yahoo.",
    "Content-Type: application/gzip", yahoo_name, read(yahoo_name)))
# Mail.ru: the wrong content type, the file name in the RFC 2231 form.
write("mailru.eml", attachment_mail(
    "dmarc_support@corp.mail.ru", "=?UTF-8?B?0J7RgtGH0LXRgiBETUFSQw==?= example.com",
    "mailru_boundary_7", "DMARC aggregate report.",
    "Content-Type: application/octet-stream", "report", read(mailru_name),
    "; filename*=UTF-8''" + mailru_name.replace("!", "%21")).replace(b'filename="report"; ', b""))
# A small provider: the XML in a quoted-printable text body after a sentence.
qp = quopri.encodestring(b"Aggregate report for example.com from mx.smallhost.example.\r\n\r\n" + read("smallhost.xml").replace(b"\n", b"\r\n")).decode()
write("smallhost.eml", message([
    "From: postmaster@smallhost.example",
    "To: dmarc@example.com",
    "Subject: Report Domain: example.com Submitter: mx.smallhost.example Report-ID: example.com:1700092800",
    "Date: Thu, 16 Nov 2023 01:02:03 +0000",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: quoted-printable",
], qp))
write("forwarded.eml", message([
    "From: someone@example.com",
    "To: dmarc@example.com",
    "Subject: Fwd: Report Domain: example.com Submitter: Yahoo",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="fwd"',
], "\r\n".join(["--fwd", "Content-Type: text/plain", "", "See the report below.", "--fwd",
                "Content-Type: message/rfc822", "", read("yahoo.eml").decode(), "--fwd--"])))
write("no-report.eml", message([
    "From: someone@example.com",
    "To: dmarc@example.com",
    "Subject: Hello",
    "MIME-Version: 1.0",
    "Content-Type: text/html; charset=UTF-8",
], "<html><body><p>No report here.</p></body></html>"))
