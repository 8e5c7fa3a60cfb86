"""CPython's `textwrap`: wrap, fill, shorten, dedent, indent and TextWrapper with all its options
(width, initial_indent, subsequent_indent, expand_tabs, tabsize, replace_whitespace,
fix_sentence_endings, break_long_words, drop_whitespace, break_on_hyphens, max_lines, placeholder).
Lines break where CPython breaks them, including after hyphens in hyphenated words and around
em-dashes. Difference: "letters" for hyphenation are ASCII letters, '_' and any non-ASCII character.
"""

_WHITESPACE = "\t\n\x0b\x0c\r "


def _letter(c):
    return c.isalpha() or c == "_" or ord(c) > 127


def _word(c):
    return _letter(c) or c.isdigit()


def _word_punct(c):
    return _word(c) or c in "!\"'&.,?"


def _split_word(word):
    """A run of non-whitespace as wrap chunks: after hyphens inside hyphenated words, around
    em-dashes (two or more hyphens between words)."""
    chunks = []
    start = 0
    n = len(word)
    i = 0
    while i < n:
        if word[i] != "-":
            i += 1
            continue
        j = i
        while j < n and word[j] == "-":
            j += 1
        if j - i >= 2:
            if i > 0 and _word_punct(word[i - 1]) and j < n and _word(word[j]):
                if i > start:
                    chunks.append(word[start:i])
                chunks.append(word[i:j])
                start = j
            i = j
            continue
        # One hyphen: break after it when two letters (or letter-hyphen-letter) come before it and
        # a letter, an optional hyphen and a letter come after it.
        before = (
            i >= 2
            and _letter(word[i - 1])
            and (_letter(word[i - 2]) or i >= 3 and word[i - 2] == "-" and _letter(word[i - 3]))
        )
        after = (
            i + 2 < n
            and _letter(word[i + 1])
            and (_letter(word[i + 2]) or word[i + 2] == "-" and i + 3 < n and _letter(word[i + 3]))
        )
        if i > start and before and after:
            chunks.append(word[start : i + 1])
            start = i + 1
        i += 1
    if start < n:
        chunks.append(word[start:])
    return chunks


class TextWrapper:
    def __init__(
        self,
        width=70,
        initial_indent="",
        subsequent_indent="",
        expand_tabs=True,
        replace_whitespace=True,
        fix_sentence_endings=False,
        break_long_words=True,
        drop_whitespace=True,
        break_on_hyphens=True,
        tabsize=8,
        *,
        max_lines=None,
        placeholder=" [...]",
    ):
        self.width = width
        self.initial_indent = initial_indent
        self.subsequent_indent = subsequent_indent
        self.expand_tabs = expand_tabs
        self.replace_whitespace = replace_whitespace
        self.fix_sentence_endings = fix_sentence_endings
        self.break_long_words = break_long_words
        self.drop_whitespace = drop_whitespace
        self.break_on_hyphens = break_on_hyphens
        self.tabsize = tabsize
        self.max_lines = max_lines
        self.placeholder = placeholder

    def _munge_whitespace(self, text):
        if self.expand_tabs:
            text = text.expandtabs(self.tabsize)
        if self.replace_whitespace:
            for c in "\t\n\x0b\x0c\r":
                text = text.replace(c, " ")
        return text

    def _split(self, text):
        chunks = []
        i = 0
        n = len(text)
        while i < n:
            space = text[i] in _WHITESPACE
            j = i + 1
            while j < n and (text[j] in _WHITESPACE) == space:
                j += 1
            piece = text[i:j]
            if space or not self.break_on_hyphens:
                chunks.append(piece)
            else:
                chunks.extend(_split_word(piece))
            i = j
        return chunks

    def _fix_sentence_endings(self, chunks):
        for i in range(len(chunks) - 1):
            if chunks[i + 1] != " ":
                continue
            chunk = chunks[i]
            if chunk[-1:] in "\"'" and chunk:
                chunk = chunk[:-1]
            if len(chunk) >= 2 and chunk[-1] in ".!?" and "a" <= chunk[-2] <= "z":
                chunks[i + 1] = "  "

    def _split_chunks(self, text):
        return self._split(self._munge_whitespace(text))

    def _break_long_word(self, pending, line, line_len, width):
        """The next chunk does not fit on an empty line: put a piece of it on this line."""
        chunk = pending[-1]
        room = 1 if width < 1 else width - line_len
        if self.break_long_words:
            end = room
            if self.break_on_hyphens and len(chunk) > room:
                hyphen = chunk.rfind("-", 0, room)
                if hyphen > 0 and chunk[:hyphen].strip("-"):
                    end = hyphen + 1
            line.append(chunk[:end])
            pending[-1] = chunk[end:]
        elif not line:
            line.append(pending.pop())

    def _wrap_chunks(self, chunks):
        if self.width <= 0:
            raise ValueError("invalid width %r (must be > 0)" % (self.width,))
        if self.max_lines is not None:
            indent = self.subsequent_indent if self.max_lines > 1 else self.initial_indent
            if len(indent) + len(self.placeholder.lstrip()) > self.width:
                raise ValueError("placeholder too large for max width")
        lines = []
        pending = chunks[::-1]  # the next chunk is pending[-1]
        while pending:
            indent = self.subsequent_indent if lines else self.initial_indent
            width = self.width - len(indent)
            if self.drop_whitespace and lines and not pending[-1].strip():
                pending.pop()  # whitespace at the start of a line (except the first)
            line = []
            line_len = 0
            while pending and line_len + len(pending[-1]) <= width:
                line_len += len(pending[-1])
                line.append(pending.pop())
            if pending and len(pending[-1]) > width:
                self._break_long_word(pending, line, line_len, width)
                line_len = sum(len(c) for c in line)
            if self.drop_whitespace and line and not line[-1].strip():
                line_len -= len(line[-1])
                line.pop()
            if not line:
                continue
            if (
                self.max_lines is None
                or len(lines) + 1 < self.max_lines
                or self._rest_is_empty(pending)
                and line_len <= width
            ):
                lines.append(indent + "".join(line))
                continue
            self._end_with_placeholder(lines, line, line_len, width, indent)
            break
        return lines

    def _rest_is_empty(self, pending):
        return not pending or self.drop_whitespace and len(pending) == 1 and not pending[0].strip()

    def _end_with_placeholder(self, lines, line, line_len, width, indent):
        # The last allowed line: drop chunks from its end until the placeholder fits after a word.
        while line:
            if line[-1].strip() and line_len + len(self.placeholder) <= width:
                lines.append(indent + "".join(line) + self.placeholder)
                return
            line_len -= len(line[-1])
            line.pop()
        if lines:
            previous = lines[-1].rstrip()
            if len(previous) + len(self.placeholder) <= self.width:
                lines[-1] = previous + self.placeholder
                return
        lines.append(indent + self.placeholder.lstrip())

    def wrap(self, text):
        chunks = self._split_chunks(text)
        if self.fix_sentence_endings:
            self._fix_sentence_endings(chunks)
        return self._wrap_chunks(chunks)

    def fill(self, text):
        return "\n".join(self.wrap(text))


def wrap(text, width=70, **kwargs):
    return TextWrapper(width=width, **kwargs).wrap(text)


def fill(text, width=70, **kwargs):
    return TextWrapper(width=width, **kwargs).fill(text)


def shorten(text, width, **kwargs):
    """Collapse whitespace, then truncate to width with the placeholder (default ' [...]')."""
    return TextWrapper(width=width, max_lines=1, **kwargs).fill(" ".join(text.strip().split()))


def dedent(text):
    """Remove the whitespace all non-blank lines start with; blank lines become empty."""
    lines = text.split("\n")
    margin = None
    for i, line in enumerate(lines):
        stripped = line.lstrip(" \t")
        if not stripped:
            lines[i] = ""
            continue
        indent = line[: len(line) - len(stripped)]
        if margin is None:
            margin = indent
        elif not indent.startswith(margin):
            k = 0
            while k < len(margin) and k < len(indent) and margin[k] == indent[k]:
                k += 1
            margin = margin[:k]
    if margin:
        lines = [line[len(margin) :] if line else line for line in lines]
    return "\n".join(lines)


def indent(text, prefix, predicate=None):
    """Add prefix to the lines for which predicate is true (by default: not whitespace-only)."""
    out = []
    for line in text.splitlines(True):
        if line.strip() if predicate is None else predicate(line):
            out.append(prefix + line)
        else:
            out.append(line)
    return "".join(out)
