"""Check the English of the rust-* gold pairs against the rust-lang originals: how many sentences occur
verbatim in rust-lang/book at 6fb3705 (the last upstream commit merged into rust-lang-ja/book-ja) and
rust-lang/nomicon at 616b984 (the commit rust-lang-ja/rust-nomicon-ja names as its original).

    python bench/align_gold_verify.py BOOK_GIT_DIR NOMICON_GIT_DIR
"""
import glob
import re
import subprocess
import sys


def norm(t): return re.sub(r"\s+", " ", t)
checks = {"book": (sys.argv[1], "6fb3705e5230311b096d47f7e2c91f9ce24393d0"),
          "nomicon": (sys.argv[2], "616b98444ff4eb5260deee95ee3e090dfd98b947")}
for d in sorted(glob.glob(sys.path[0] + "/align-gold/*/rust-*")):
    kind = "book" if "rust-book" in d else "nomicon"
    repo, commit = checks[kind]
    files = subprocess.run(["git", "--git-dir", repo, "ls-tree", "-r", "--name-only", commit, "src"],
                           capture_output=True, text=True).stdout.split()
    text = ""
    for f in files:
        if f.endswith(".md"):
            text += norm(subprocess.run(["git", "--git-dir", repo, "show", f"{commit}:{f}"],
                                        capture_output=True, text=True).stdout)
    with open(d + "/en.txt") as handle:
        sents = [s for s in handle.read().split("\n") if s.strip()]
    found = sum(1 for s in sents if norm(s) in text)
    print(d, f"{found}/{len(sents)} EN sentences verbatim in {kind}@{commit[:8]}")
