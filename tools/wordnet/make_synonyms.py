#!/usr/bin/env python3
"""Regenerates verbatim's English synonym table, data/wordnet-synonyms.tsv, from WordNet 3.0.

WordNet comes from Debian's wordnet-base package (`apt-get download wordnet-base`, then
`dpkg-deb -x wordnet-base_*.deb DIR`). For every English lemma, the table lists the other lemmas
of its commonest senses (novice for beginner) that the bilingual lexicon, data/cedict-en.tsv,
can translate: an English word a forum's Chinese does not render directly may be reached
through a synonym it does.

Run: python3 tools/wordnet/make_synonyms.py DIR/usr/share/wordnet data/cedict-en.tsv \
         > data/wordnet-synonyms.tsv
"""
import re
import sys

# Only the commonest senses of a word: WordNet lists them first, by how often each was tagged.
SENSES = 1
WORD = re.compile(r"^[a-z][a-z' -]*$")


def main():
    wordnet, cedict = sys.argv[1], sys.argv[2]
    with open(cedict, encoding="utf-8") as f:
        keys = {line.split("\t", 1)[0] for line in f}
    synonyms = {}
    for pos in ["noun", "verb", "adj", "adv"]:
        lemmas_of = {}
        with open(f"{wordnet}/data.{pos}", encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                parts = line.split()
                count = int(parts[3], 16)
                words = [parts[4 + 2 * i] for i in range(count)]
                # Adjectives may carry a syntactic marker: big(a), galore(ip).
                words = [re.sub(r"\([a-z]+\)$", "", w).replace("_", " ").lower() for w in words]
                lemmas_of[parts[0]] = words
        with open(f"{wordnet}/index.{pos}", encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                parts = line.split()
                lemma = parts[0].replace("_", " ")
                if not WORD.match(lemma):
                    continue
                senses = int(parts[2])
                for offset in parts[len(parts) - senses :][:SENSES]:
                    for other in lemmas_of[offset]:
                        if other != lemma and other in keys and WORD.match(other):
                            found = synonyms.setdefault(lemma, [])
                            if other not in found:
                                found.append(other)
    for lemma in sorted(synonyms):
        print(f"{lemma}\t{'|'.join(synonyms[lemma])}")


if __name__ == "__main__":
    main()
