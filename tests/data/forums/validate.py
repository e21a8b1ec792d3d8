#!/usr/bin/env python3
"""Check the invented forum texts, their hand attribution and their question sets.

Usage: python3 tests/data/forums/validate.py [FORUM_DIR ...]

With no arguments it checks every folder under tests/data/forums/ that holds a truth.json,
and the seed set tests/data/seed-hard-questions.jsonl against knowledge/baai-2024/pack.toml.

For a forum folder (source.txt, truth.json, questions.jsonl):
- source.txt == title + "\\n\\n" + "\\n\\n".join(paragraph texts) (one trailing newline allowed);
- the truth has the shared keys, a YYYY-MM-DD date, unique speaker names, and every paragraph's
  speaker is one of them; headings and the byline have no speaker; no text holds ''';
- every question id is unique; an in-scope line has q, speaker, any, rel and a known kind; an
  out-of-scope line has only id, q and kind "oos";
- every any/rel string is 6-15 characters and occurs in exactly one paragraph, a body paragraph
  (not a heading or the byline); distinct rel strings name distinct paragraphs; every any
  paragraph is among the rel paragraphs; when speaker is set, every any paragraph is that
  speaker's;
- at least 45 in-scope and 12 out-of-scope questions (seed: 90 and 25), and every kind used.
Exit status 1 when anything fails.
"""
import json, os, re, sys, tomllib
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(DATA))
SEED_Q = os.path.join(DATA, "seed-hard-questions.jsonl")
SEED_PACK = os.path.join(REPO, "knowledge", "baai-2024", "pack.toml")
OLD_SEED_Q = [os.path.join(DATA, "dev-questions.jsonl"), os.path.join(DATA, "more-questions.jsonl")]

KINDS = ["simp", "trad", "en", "pinyin", "org", "title", "who-said", "compare", "negation",
         "list", "fact", "chatty", "cantonese", "mixed", "typo"]
PARA_KINDS = {"heading", "narration", "paraphrase", "quote", "mixed", "byline"}
TRUTH_KEYS = ["title", "event", "date", "session", "place", "outlet", "reporter", "language",
              "speakers", "paragraphs"]
SPEAKER_KEYS = ["name", "organization", "role", "aliases", "organization_aliases"]


class Report:
    def __init__(self, name):
        self.name, self.errors = name, []

    def err(self, msg):
        self.errors.append(msg)


def check_questions(rep, path, paras, speaker_names, min_in, min_oos, forbidden_q=()):
    """paras: list of (text, speaker, is_body)."""
    if not os.path.exists(path):
        rep.err(f"{path}: missing")
        return None
    ids, n_in, n_oos, kinds = set(), 0, 0, Counter()
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        where = f"{os.path.basename(path)}:{ln}"
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            rep.err(f"{where}: bad JSON: {e}")
            continue
        qid = q.get("id")
        if not qid:
            rep.err(f"{where}: no id")
        elif qid in ids:
            rep.err(f"{where}: duplicate id {qid}")
        ids.add(qid)
        if not isinstance(q.get("q"), str) or not q["q"].strip():
            rep.err(f"{where}: blank q")
        if q.get("q") in forbidden_q:
            rep.err(f"{where}: repeats an existing question: {q['q']!r}")
        kind = q.get("kind")
        if "any" not in q:
            n_oos += 1
            kinds["oos"] += 1
            if kind != "oos" or set(q) != {"id", "q", "kind"}:
                rep.err(f"{where}: out-of-scope line must have only id, q, kind \"oos\"")
            continue
        n_in += 1
        kinds[kind] += 1
        if kind not in KINDS:
            rep.err(f"{where}: unknown kind {kind!r}")
        if set(q) != {"id", "q", "speaker", "any", "rel", "kind"}:
            rep.err(f"{where}: keys must be id, q, speaker, any, rel, kind (got {sorted(q)})")
        sp = q.get("speaker")
        if sp is not None and sp not in speaker_names:
            rep.err(f"{where}: unknown speaker {sp!r}")
        anys, rels = q.get("any") or [], q.get("rel") or []
        if not anys or not rels:
            rep.err(f"{where}: empty any or rel")

        def locate(s):
            if not isinstance(s, str):
                rep.err(f"{where}: not a string: {s!r}")
                return None
            if not 6 <= len(s) <= 15:
                rep.err(f"{where}: {s!r} is {len(s)} characters (want 6-15)")
            hits = [i for i, (t, _, _) in enumerate(paras) if s in t]
            if len(hits) != 1:
                rep.err(f"{where}: {s!r} occurs in {len(hits)} paragraphs (want exactly 1)")
                return None
            if not paras[hits[0]][2]:
                rep.err(f"{where}: {s!r} is in a heading or byline, not a body paragraph")
            return hits[0]

        any_p = [locate(s) for s in anys]
        rel_p = [locate(s) for s in rels]
        if len(set(rel_p)) != len(rel_p):
            rep.err(f"{where}: two rel strings name the same paragraph")
        for s, p in zip(anys, any_p):
            if p is None:
                continue
            if p not in rel_p:
                rep.err(f"{where}: any {s!r} is not among the rel paragraphs")
            if sp is not None and paras[p][1] != sp:
                rep.err(f"{where}: any {s!r} is in a paragraph of {paras[p][1]!r}, not {sp!r}")
    if n_in < min_in:
        rep.err(f"{os.path.basename(path)}: {n_in} in-scope questions (want >= {min_in})")
    if n_oos < min_oos:
        rep.err(f"{os.path.basename(path)}: {n_oos} out-of-scope questions (want >= {min_oos})")
    for k in KINDS:
        if kinds[k] == 0:
            rep.err(f"{os.path.basename(path)}: no question of kind {k}")
    return n_in, n_oos, kinds


def check_forum(folder):
    rep = Report(os.path.basename(folder.rstrip("/")))
    try:
        t = json.load(open(os.path.join(folder, "truth.json"), encoding="utf-8"))
        src = open(os.path.join(folder, "source.txt"), encoding="utf-8").read()
    except (OSError, json.JSONDecodeError) as e:
        rep.err(str(e))
        return rep, None
    for k in TRUTH_KEYS:
        if k not in t:
            rep.err(f"truth.json: missing key {k}")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(t.get("date"))):
        rep.err(f"truth.json: date {t.get('date')!r} is not YYYY-MM-DD")
    if t.get("language") not in ("zh-Hant", "zh-Hans"):
        rep.err(f"truth.json: language {t.get('language')!r}")
    names = [s.get("name") for s in t.get("speakers", [])]
    for s in t.get("speakers", []):
        for k in SPEAKER_KEYS:
            if k not in s:
                rep.err(f"truth.json: speaker {s.get('name')!r} lacks {k}")
        for a in s.get("aliases", []) + s.get("organization_aliases", []):
            if not a.strip():
                rep.err(f"truth.json: blank alias for {s.get('name')!r}")
    if len(set(names)) != len(names):
        rep.err("truth.json: duplicate speaker names")
    paras = t.get("paragraphs", [])
    want = t.get("title", "") + "\n\n" + "\n\n".join(p["text"] for p in paras)
    if src not in (want, want + "\n"):
        rep.err("source.txt != title + blank line + paragraphs joined by blank lines")
    used = Counter()
    for i, p in enumerate(paras, 1):
        if p.get("kind") not in PARA_KINDS:
            rep.err(f"paragraph {i}: kind {p.get('kind')!r}")
        sp = p.get("speaker")
        if sp is not None and sp not in names:
            rep.err(f"paragraph {i}: speaker {sp!r} is not in speakers")
        if p.get("kind") in ("heading", "byline") and sp is not None:
            rep.err(f"paragraph {i}: a {p['kind']} has no speaker")
        if "'''" in p["text"] or "\n" in p["text"] or p["text"] != p["text"].strip() or not p["text"]:
            rep.err(f"paragraph {i}: text holds ''' or a newline or outer blanks, or is empty")
        used[sp] += 1
    for n in names:
        if not used[n]:
            rep.err(f"speaker {n!r} has no paragraph")
    plist = [(p["text"], p.get("speaker"), p.get("kind") not in ("heading", "byline")) for p in paras]
    res = check_questions(rep, os.path.join(folder, "questions.jsonl"), plist, set(names), 45, 12)
    info = {"paragraphs": len(paras), "body": sum(1 for x in plist if x[2]),
            "headings": sum(1 for p in paras if p.get("kind") == "heading"), "speakers": names,
            "questions": res}
    return rep, info


def check_seed():
    rep = Report("seed-hard")
    pack = tomllib.load(open(SEED_PACK, "rb"))
    names = {s["name"] for s in pack["speaker"]}
    plist = [(p["text"], p.get("speaker"), True) for p in pack["passage"]]
    old = set()
    for f in OLD_SEED_Q:
        if os.path.exists(f):
            old |= {json.loads(l)["q"] for l in open(f, encoding="utf-8") if l.strip()}
    res = check_questions(rep, SEED_Q, plist, names, 90, 25, forbidden_q=old)
    return rep, {"passages": len(plist), "speakers": sorted(names), "questions": res}


def show(rep, info):
    status = "OK" if not rep.errors else f"FAIL ({len(rep.errors)} problems)"
    print(f"== {rep.name}: {status}")
    if info:
        desc = ", ".join(f"{k}={v}" for k, v in info.items() if k not in ("questions", "speakers"))
        print(f"   {desc}; speakers: {' '.join(info['speakers'])}")
        if info.get("questions"):
            n_in, n_oos, kinds = info["questions"]
            print(f"   questions: {n_in} in scope, {n_oos} out of scope")
            print("   kinds: " + " ".join(f"{k}={kinds[k]}" for k in KINDS + ["oos"]))
    for e in rep.errors:
        print("   " + e)


def main():
    folders = sys.argv[1:] or sorted(
        os.path.join(HERE, d) for d in os.listdir(HERE)
        if os.path.isfile(os.path.join(HERE, d, "truth.json")))
    bad = False
    for f in folders:
        rep, info = check_forum(f)
        show(rep, info)
        bad |= bool(rep.errors)
    if not sys.argv[1:]:
        rep, info = check_seed()
        show(rep, info)
        bad |= bool(rep.errors)
    print("all checks passed" if not bad else "some checks FAILED")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
