#!/usr/bin/env python3
"""Turns data/cedict-en.tsv around: each Simplified word and the English glosses that translate
to it (`word<TAB>gloss|gloss…`, sorted by the word's UTF-8 bytes), for verbatim to look up
as it does the gloss table.

Run: python3 tools/lexicon/by_word.py data/cedict-en.tsv > data/cedict-zh.tsv
"""
import sys
from collections import defaultdict

glosses = defaultdict(list)
with open(sys.argv[1], encoding="utf-8") as table:
    for line in table:
        gloss, words = line.rstrip("\n").split("\t")
        for word in words.split(" "):
            if word:
                glosses[word].append(gloss)
for word in sorted(glosses, key=lambda w: w.encode("utf-8")):
    sys.stdout.write(f"{word}\t{'|'.join(glosses[word])}\n")
