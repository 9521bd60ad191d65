package com.penguinmails.templates;

/**
 * The result of checking one link on request (see
 * {@link Lint#checkLinks(String, String)}).
 *
 * @param url the link as written in the message
 * @param status the final HTTP status after at most 5 redirects; null when there was no
 * answer or the link was not checked
 * @param error why there is no status ("no answer in 5 s", "not checked: private
 * address", ...); null when there is one
 * @param broken true when the status is 400 or more, or the server did not answer, could
 * not be reached or redirected too often
 */
public record LinkCheck(String url, Integer status, String error, boolean broken) {

}
