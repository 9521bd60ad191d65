package com.penguinmails.templates;

/**
 * How easy the visible body text is to read, by the Flesch-Kincaid formulas (Kincaid et
 * al. 1975, the US Navy readability formulas).
 *
 * @param grade the Flesch-Kincaid grade level: {@code 0.39 × words/sentences + 11.8 ×
 * syllables/words − 15.59} (about the US school year needed; cold email reads best at 5
 * to 8), one decimal, at least 0
 * @param readingEase the Flesch reading ease: {@code 206.835 − 1.015 × words/sentences −
 * 84.6 × syllables/words} (higher is easier; 60 to 70 is plain English), one decimal,
 * clamped to 0 to 100
 * @param words words counted (URLs and addresses left out)
 * @param sentences sentences counted (a paragraph or line without a full stop ends one)
 * @param syllables syllables counted by the vowel-group method (see the lint's
 * {@code ReadabilityRule})
 */
public record Readability(double grade, double readingEase, int words, int sentences, int syllables) {

}
