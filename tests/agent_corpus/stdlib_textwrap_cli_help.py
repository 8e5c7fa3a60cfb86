import textwrap

options = {
    "--input PATH": "Read records from PATH. The file may be CSV or JSON Lines; the format is detected from the extension unless --format is given.",
    "--limit N": "Stop after N records.",
    "--dry-run": "Print what would be written without writing anything, which is useful to check a large configuration before running it for real.",
}
print("usage: tool [options]\n")
for flag, text in options.items():
    lines = textwrap.wrap(text, width=50)
    print(f"  {flag:<14}{lines[0]}")
    for line in lines[1:]:
        print(" " * 16 + line)
doc = """
    Summary:
        This paragraph is indented in the source
        and should be dedented for display.

    Done.
"""
print(textwrap.dedent(doc))
print(textwrap.indent(textwrap.dedent(doc).strip(), "# "))
print(textwrap.shorten("A very long title that will not fit in the column", width=25))
print(textwrap.shorten("short", width=25), textwrap.shorten("   many   spaces   here  ", 12))
print(textwrap.fill("word " * 20, width=32, initial_indent="- ", subsequent_indent="  "))
w = textwrap.TextWrapper(width=20, break_long_words=True, max_lines=3, placeholder=" ...")
print(w.fill("supercalifragilisticexpialidocious is a long word indeed and more words follow"))
