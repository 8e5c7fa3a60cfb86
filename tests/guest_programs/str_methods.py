# str and bytes methods added by patch 0015, compared with CPython (ASCII text: case changes are ASCII-only).
words = ["hello world", "HELLO wORLD", "they're bill's friends", "hello2world x", "", "  a", "123abc"]
for w in words:
    print(repr(w), w.capitalize(), w.title(), w.swapcase(), w.casefold(), w.istitle(), w.title().istitle(), w.isalnum(), w.isascii())
for s, n in [("42", 5), ("-42", 6), ("+7", 4), ("abc", 2), ("", 3), ("-", 3)]:
    print(repr(s.zfill(n)))
print("report.csv".removesuffix(".csv"), "report.csv".removeprefix("rep"), "x".removeprefix(""), "ab".removesuffix("abc"))
print(b"data.bin".removesuffix(b".bin"), b"hello world".title(), b"ab".zfill(4), b"abc".isascii(), b"Ab".swapcase())
print(repr("a\tb\tc".expandtabs()), repr("ab\tc\n\td".expandtabs(4)), repr("é\tx".expandtabs(4)), repr("x\ty".expandtabs(0)))
print("abc1".isalnum(), "abc!".isalnum(), "".isalnum(), "_x1".isidentifier(), "1x".isidentifier(), "a-b".isidentifier(), "".isidentifier())
print("123".isdecimal(), "12a".isnumeric(), "Title Case".istitle(), "Not title".istitle(), "123".istitle())
try:
    "abc".removeprefix(b"a")
except TypeError:
    print("TypeError")
print(hasattr(b"x", "casefold"), hasattr(b"x", "encode"), hasattr("x", "decode"))
