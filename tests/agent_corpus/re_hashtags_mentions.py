import re
from collections import Counter

posts = [
    "Loving the new #Python release! Thanks @guido and @ThePSF #python #OpenSource",
    "Café review: #café #Zürich ☕ great espresso @barista_42 #coffee",
    "email me at me@example.com, not a mention. #100DaysOfCode day 7 #",
    "RT @data_nerd: #DataScience & #ML are #fun!!! #datascience",
]

HASHTAG = re.compile(r"(?<![\w#])#(\w*[^\W\d]\w*)")
MENTION = re.compile(r"(?<![\w@.])@(\w{1,15})\b")

tags = Counter()
for p in posts:
    found = HASHTAG.findall(p)
    tags.update(t.lower() for t in found)
    print(found, MENTION.findall(p))
print(tags.most_common(3))


def linkify(text):
    text = HASHTAG.sub(lambda m: f"<a href='/tag/{m.group(1).lower()}'>#{m.group(1)}</a>", text)
    return MENTION.sub(r"<a href='/u/\1'>@\1</a>", text)


print(linkify(posts[0]))
is_retweet = [bool(re.match(r"RT @\w+:", p)) for p in posts]
print(is_retweet)
print(re.sub(r"([!?.])\1+", r"\1", posts[3]))
print(re.findall(r"[^\x00-\x7F]", " ".join(posts)))
print(HASHTAG.sub("", posts[1]).split())
