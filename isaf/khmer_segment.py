"""Khmer word boundaries for PDF typesetting.

Khmer is written without spaces between words. Browsers break Khmer lines with a
dictionary, but Pango (and so WeasyPrint) does not: without help, a run of Khmer
longer than the line is never broken and runs off the page. We insert U+200B ZERO
WIDTH SPACE at the word boundaries that the ``khmercut`` segmenter finds, which
gives Pango a legal break point there and changes nothing that a reader sees.

Only the text nodes of HTML are touched: tags, attributes, URLs, comments and the
contents of <style>, <script>, <title> and <textarea> pass through byte for byte.
"""

import re
import threading
from functools import lru_cache

ZWSP = "\u200b"

# A run of Khmer letters, signs and the repetition mark; digits and punctuation
# (khan ។, bariyoosan ៕, colon ៖) end a run, so no break is ever offered before a
# khan or inside a number.
_KHMER_RUN = re.compile("[\u1780-\u17d3\u17d7\u17dc\u17dd]+")
# A word may start a new line only if it starts with a consonant or an independent
# vowel; this keeps a stray mark or ៗ from being pushed to the next line alone.
_WORD_START = re.compile("[\u1780-\u17b3]")

# Raw-text elements are kept whole; then comments, declarations and tags (whose
# quoted attribute values may contain ">" when a template marks them safe).
_MARKUP = re.compile(
    r"(<(script|style|title|textarea)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?</\2\s*>"
    r"|<!--.*?-->"
    r"|<![^>]*>"
    r"|<\?[^>]*>"
    r"|</?[A-Za-z](?:[^>\"']|\"[^\"]*\"|'[^']*')*>)",
    re.DOTALL | re.IGNORECASE,
)

# pycrfsuite's Tagger is one C object; a lock keeps two threads of one process
# from tagging through it at once (Celery's prefork pool and gunicorn's sync
# workers are processes, so the lock is uncontended there).
_tagger_lock = threading.Lock()


@lru_cache(maxsize=1)
def _tokenize():
    """The segmenter, loaded once per process: loading the model takes ~60 ms."""
    import khmercut

    khmercut.load()
    return khmercut.tokenize


@lru_cache(maxsize=8192)
def _segment_run(run: str) -> str:
    """One Khmer run with U+200B between its words.

    Posters and booklets repeat the same labels and names many times, so runs are
    cached: a repeated label costs a dictionary look-up, not a tagging pass.
    """
    tokenize = _tokenize()
    with _tagger_lock:
        words = tokenize(run)
    out = [words[0]] if words else []
    for word in words[1:]:
        if _WORD_START.match(word):
            out.append(ZWSP)
        out.append(word)
    return "".join(out)


def insert_word_breaks(text: str) -> str:
    """Plain text with U+200B at the Khmer word boundaries.

    Text without Khmer comes back unchanged, and fast.
    """
    if not _KHMER_RUN.search(text):
        return text
    return _KHMER_RUN.sub(lambda match: _segment_run(match.group(0)), text)


def insert_word_breaks_html(html: str) -> str:
    """HTML with U+200B at Khmer word boundaries in its text nodes only."""
    parts = []
    position = 0
    for match in _MARKUP.finditer(html):
        parts.append(insert_word_breaks(html[position : match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(insert_word_breaks(html[position:]))
    return "".join(parts)
