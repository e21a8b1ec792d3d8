#!/usr/bin/env python3
"""Regenerates verbatim's English word tables from WordNet 3.0.

WordNet comes from Debian's wordnet-base package (`apt-get download wordnet-base`, then
`dpkg-deb -x wordnet-base_*.deb DIR`). Both tables keep only words the bilingual lexicon,
data/cedict-en.tsv, can translate: an English word a forum's Chinese does not render directly
may be reached through one it does.

- data/wordnet-synonyms.tsv: for every English lemma, the other lemmas of its commonest senses
  (novice for beginner).
- data/wordnet-kinds.tsv (--kinds): for every English lemma that is a noun before anything
  else, the kinds of its commonest sense, three levels down (lettuce and spinach for greens;
  typhoon, three levels below storm), when it has few of them: a word with many (person,
  thing) says nothing of which one. Not its broader words: minimum is a kind of extremum,
  whose rendering 高峰 (peak) it is not.

Run: python3 tools/wordnet/make_synonyms.py [--kinds] DIR/usr/share/wordnet \
         data/cedict-en.tsv > data/wordnet-SYNONYMS-OR-RELATED.tsv
"""
import re
import sys

# Only the commonest senses of a word: WordNet lists them first, by how often each was tagged.
SENSES = 1
WORD = re.compile(r"^[a-z][a-z' -]*$")
# How far down a noun's kinds are followed (storm → windstorm → cyclone → typhoon), and how many
# kinds a noun may have for them to be listed at all.
KIND_DEPTH = 3
MOST_KINDS = 60
POS = ["noun", "verb", "adj", "adv"]


def lemma_of(word):
    # Adjectives may carry a syntactic marker: big(a), galore(ip).
    return re.sub(r"\([a-z]+\)$", "", word).replace("_", " ").lower()


def read_synsets(wordnet, pos):
    """Each synset's lemmas and its pointers (symbol, target offset), by offset."""
    lemmas_of, pointers_of = {}, {}
    with open(f"{wordnet}/data.{pos}", encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split(" | ")[0].split()
            count = int(parts[3], 16)
            lemmas_of[parts[0]] = [lemma_of(parts[4 + 2 * i]) for i in range(count)]
            at = 4 + 2 * count
            pointers = []
            for _ in range(int(parts[at])):
                pointers.append((parts[at + 1], parts[at + 2]))
                at += 4
            pointers_of[parts[0]] = pointers
    return lemmas_of, pointers_of


def read_index(wordnet, pos):
    """Each lemma's sense offsets, commonest first, and how often its senses were tagged."""
    with open(f"{wordnet}/index.{pos}", encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split()
            senses, pointer_kinds = int(parts[2]), int(parts[3])
            tagged = int(parts[5 + pointer_kinds])
            yield parts[0].replace("_", " "), parts[len(parts) - senses :], tagged


def kinds(pointers_of, offset):
    found, frontier = [], [offset]
    for _ in range(KIND_DEPTH):
        frontier = [t for o in frontier for s, t in pointers_of.get(o, []) if s in ("~", "~i")]
        found += frontier
    return found


def main():
    kinds_only = sys.argv[1] == "--kinds"
    wordnet, cedict = sys.argv[1 + kinds_only], sys.argv[2 + kinds_only]
    with open(cedict, encoding="utf-8") as f:
        keys = {line.split("\t", 1)[0] for line in f}
    # The part of speech whose senses were tagged most often: organic is an adjective first,
    # although WordNet also has it as a noun (an organic fertiliser).
    commonest = {}
    for pos in POS:
        for lemma, _, tagged in read_index(wordnet, pos):
            if lemma not in commonest or tagged > commonest[lemma][0]:
                commonest[lemma] = (tagged, pos)
    table = {}
    for pos in ["noun"] if kinds_only else POS:
        lemmas_of, pointers_of = read_synsets(wordnet, pos)
        for lemma, offsets, _ in read_index(wordnet, pos):
            if not WORD.match(lemma) or (kinds_only and commonest[lemma][1] != pos):
                continue
            for offset in offsets[:SENSES]:
                if kinds_only:
                    others = [w for t in kinds(pointers_of, offset) for w in lemmas_of[t]]
                    if len(others) > MOST_KINDS:
                        others = []
                else:
                    others = lemmas_of[offset]
                for other in others:
                    if other != lemma and other in keys and WORD.match(other):
                        found = table.setdefault(lemma, [])
                        if other not in found:
                            found.append(other)
    for lemma in sorted(table):
        print(f"{lemma}\t{'|'.join(table[lemma])}")


if __name__ == "__main__":
    main()
