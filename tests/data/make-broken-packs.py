import os, shutil
root = '/work/main/tests/data/broken'
shutil.rmtree(root, ignore_errors=True)
SOURCE = "標題\n\n楊植麟認為,agi需要定義。\n\n「價格戰不可持續」。張鵬說。\n"
GOOD = '''id = "mini"

[source]
file = "source.txt"
outlet = "北京商報"
reporter = "楊月涵"
headline = "標題"

[event]
name = "北京智源大會"
date = "2024-06-14"
place = "北京"
session = "AI尖峰對話"

[[speaker]]
name = "楊植麟"
organization = "月之暗面"
role = "CEO"
aliases = ["杨植麟", "Yang Zhilin"]

[[speaker]]
name = "張鵬"
organization = "智譜AI"
role = "CEO"

[[topic]]
id = "agi"
heading = "什麼是agi"
name_en = "What AGI is"

[[topic]]
id = "price-war"
heading = "價格戰是好是壞"
name_en = "The price war"

[[passage]]
id = "p1"
paragraph = 1
topic = "agi"
speaker = "楊植麟"
voice = "paraphrase"
text = "楊植麟認為,agi需要定義。"

[[passage]]
id = "p2"
paragraph = 2
topic = "price-war"
speaker = "張鵬"
voice = "quote"
text = "「價格戰不可持續」。張鵬說。"
'''
def pack(name, manifest, expected, source=SOURCE, source_bytes=None):
    d = os.path.join(root, name); os.makedirs(d)
    if manifest is not None:
        open(os.path.join(d, 'pack.toml'), 'wb').write(manifest if isinstance(manifest, bytes) else manifest.encode())
    if source_bytes is not None:
        open(os.path.join(d, 'source.txt'), 'wb').write(source_bytes)
    elif source is not None:
        open(os.path.join(d, 'source.txt'), 'w', encoding='utf-8').write(source)
    open(os.path.join(d, 'expected.txt'), 'w', encoding='utf-8').write("\n".join(expected) + "\n")

def line_of(text, needle, nth=1):
    idx = -1
    for _ in range(nth):
        idx = text.index(needle, idx + 1)
    return text[:idx].count("\n") + 1

os.makedirs(root)
Q = '"'
open(os.path.join(root, 'README.md'), 'w').write(
"# Broken knowledge packs\n\nEach folder is a pack with one kind of damage and `expected.txt`, the exact problems\n"
"`verbatim check --knowledge FOLDER` must print (paths relative to the folder). `tests/check.rs` runs\n"
"them all, plus the cases made at test time: a 50 MB file, a symbolic-link loop, an empty folder.\n")

m = GOOD.replace('[event]', '[event')
pack('bad-toml', m, [f"pack.toml:{line_of(GOOD,'[event]')}: invalid table header\nexpected `.`, `]`"])

m = GOOD.replace('paragraph = 2', 'paragraph = "two"')
pack('wrong-type', m, [f"pack.toml:{line_of(GOOD,'[[passage]]',2)}: [[passage]]: invalid type: string \"two\", expected u32"])

m = GOOD.replace('speaker = "張鵬"\nvoice', 'speaker = "張朋"\nvoice')
pack('unknown-speaker', m, [f"pack.toml:{line_of(m,'speaker = '+Q+'張朋'+Q+'')}: passage p2: unknown speaker \"張朋\""])

m = GOOD.replace('topic = "price-war"', 'topic = "pricing"')
pack('unknown-topic', m, [f"pack.toml:{line_of(m,'topic = '+Q+'pricing'+Q+'')}: passage p2: unknown topic \"pricing\""])

m = GOOD.replace('id = "p2"', 'id = "p1"')
pack('duplicate-id', m, [f"pack.toml:{line_of(m,'id = '+Q+'p1'+Q+'',2)}: passage id p1 is used twice (first on line {line_of(GOOD,'[[passage]]',1)})"])

m = GOOD.replace('agi需要定義。"', 'agi不需要定義。"')
pack('not-verbatim', m, [f"pack.toml:{line_of(m,'agi不需要定義')}: passage p1: text is not a verbatim part of source.txt"])

m = GOOD.replace('text = "「價格戰不可持續」。張鵬說。"', 'text = "   "')
pack('empty-text', m, [f"pack.toml:{line_of(m,'text = '+Q+'   '+Q+'')}: passage p2: text is empty"])

m = GOOD.encode().replace('北京商報'.encode(), b'\xff\xfe broken')
pack('non-utf8-manifest', m, ["pack.toml:1: not valid UTF-8 (bad byte at offset " + str(GOOD.encode().index('北京商報'.encode())) + ")"])

pack('non-utf8-source', GOOD, [f"pack.toml:{line_of(GOOD,'file = ')}: source file source.txt: not valid UTF-8 (bad byte at offset 7)"], source_bytes=SOURCE.encode()[:7] + b'\xc3\x28' + SOURCE.encode()[7:])

pack('missing-source', GOOD, [f"pack.toml:{line_of(GOOD,'file = ')}: source file source.txt: cannot open: no such file or directory"], source=None)

pack('empty-source', GOOD, [f"pack.toml:{line_of(GOOD,'file = ')}: source file source.txt is empty"], source="")

# a pack reads nothing outside its own folder
m = GOOD.replace('file = "source.txt"', 'file = "/etc/hostname"')
pack('source-absolute', m, [f"pack.toml:{line_of(m,'file = ')}: source file /etc/hostname: must be a path relative to the pack's folder"], source=None)

m = GOOD.replace('file = "source.txt"', 'file = "../not-verbatim/source.txt"')
pack('source-outside', m, [f"pack.toml:{line_of(m,'file = ')}: source file ../not-verbatim/source.txt: must stay inside the pack's folder (no `..`)"], source=None)

pack('source-link-outside', GOOD, [f"pack.toml:{line_of(GOOD,'file = ')}: source file source.txt: is a link to a file outside the pack's folder"], source=None)
os.symlink('/proc/self/environ', os.path.join(root, 'source-link-outside', 'source.txt'))

m = GOOD.replace('file = "source.txt"', 'file = "folder"')
pack('source-not-a-file', m, [f"pack.toml:{line_of(m,'file = ')}: source file folder: not a regular file"], source=None)
os.makedirs(os.path.join(root, 'source-not-a-file', 'folder'))
open(os.path.join(root, 'source-not-a-file', 'folder', 'source.txt'), 'w', encoding='utf-8').write("楊植麟認為,agi需要定義。\n")

m = GOOD.replace('reporter = "楊月涵"\n', '').replace('place = "北京"\n', 'place = ""\n')
pack('missing-metadata', m, [f"pack.toml:{line_of(m,'[source]')}: [source] has no `reporter`", f"pack.toml:{line_of(m,'place = ')}: [event] `place` is empty"])

m = GOOD.replace('date = "2024-06-14"', 'date = "June 14"')
pack('bad-date', m, [f"pack.toml:{line_of(m,'date = ')}: [event] `date` \"June 14\" is not a YYYY-MM-DD date"])

m = GOOD.replace('voice = "paraphrase"', 'voice = "narration"')
pack('narration-with-speaker', m, [f"pack.toml:{line_of(m,'voice = '+Q+'narration'+Q+'')}: passage p1: narration has no speaker; remove `speaker` or change `voice`"])

m = GOOD.replace('voice = "quote"', 'voice = "shout"')
pack('bad-voice', m, [f"pack.toml:{line_of(m,'[[passage]]',2)}: [[passage]]: unknown variant `shout`, expected one of `quote`, `paraphrase`, `narration`"])

m = GOOD.replace('name = "張鵬"', 'name = "楊植麟"')
pack('duplicate-speaker', m, [f"pack.toml:{line_of(m,'name = '+Q+'楊植麟'+Q+'',2)}: speaker 楊植麟 is listed twice", f"pack.toml:{line_of(m,'speaker = '+Q+'張鵬'+Q+'')}: passage p2: unknown speaker \"張鵬\""])

m = GOOD.replace('headline = "標題"', 'headline = "標題"\nheadlien = "typo"')
pack('unknown-field', m, [f"pack.toml:{line_of(m,'[source]')}: [source]: unknown field `headlien`, expected one of `file`, `outlet`, `outlet_en`, `reporter`, `headline`, `url`, `language`"])

m = GOOD.replace('id = "mini"\n', '')
pack('missing-id', m, ["pack.toml:1: the pack has no `id`"])

m = GOOD[:GOOD.index('[[passage]]')]
pack('no-passages', m, ["pack.toml:1: the pack has no [[passage]]"])

m = GOOD.replace('speaker = "張鵬"\nvoice = "quote"', 'voice = "quote"')
pack('quote-without-speaker', m, [f"pack.toml:{line_of(GOOD,'[[passage]]',2)}: passage p2: a quote or paraphrase needs a `speaker`"])

# several problems in one file: all are reported
m = GOOD.replace('speaker = "張鵬"\nvoice', 'speaker = "Nobody"\nvoice').replace('topic = "agi"\nspeaker', 'topic = "agj"\nspeaker').replace('agi需要定義。"', 'agi需要定義!"')
pack('many-problems', m, [
  f"pack.toml:{line_of(m,'topic = '+Q+'agj'+Q+'')}: passage p1: unknown topic \"agj\"",
  f"pack.toml:{line_of(m,'agi需要定義!')}: passage p1: text is not a verbatim part of source.txt",
  f"pack.toml:{line_of(m,'speaker = '+Q+'Nobody'+Q+'')}: passage p2: unknown speaker \"Nobody\"",
])

d = os.path.join('/work/main/tests/data', 'good-mini'); shutil.rmtree(d, ignore_errors=True); os.makedirs(d)
open(os.path.join(d, 'pack.toml'), 'w', encoding='utf-8').write(GOOD)
open(os.path.join(d, 'source.txt'), 'w', encoding='utf-8').write(SOURCE)
print(len(os.listdir(root)) - 1, "broken packs")
