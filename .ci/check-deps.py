#!/usr/bin/env python3
"""Dependency-direction check of the Strata workspace.

Interface crates (blockchain-hooks, executor-api, vm-handler) may not depend, even
transitively, on wasmer or on any implementation crate; and no crate may depend "upwards":
each crate's workspace dependencies must be among those the design allows (design.md).

    check-deps.py              check the workspace (exit 1 on a violation)
    check-deps.py --self-test  prove the check fails on forbidden edges
"""
import json
import subprocess
import sys

# Normal (non-dev) dependencies each workspace crate may have on other workspace crates.
ALLOWED = {
    "strata-blockchain-hooks": set(),
    "strata-executor-api": {"strata-blockchain-hooks"},
    "strata-vm-handler": {"strata-blockchain-hooks"},
    "strata-vm-core": {"strata-vm-handler", "strata-blockchain-hooks", "strata-executor-api"},
    "strata-executor-wasmer": {"strata-executor-api", "strata-blockchain-hooks"},
    "strata-executor-debugger": {"strata-executor-api", "strata-blockchain-hooks"},
    "strata-world-mock": {"strata-vm-handler", "strata-blockchain-hooks"},
    "strata-contract-framework": {
        "strata-executor-api", "strata-blockchain-hooks", "strata-codec",
        "strata-contract-framework-derive",
    },
    "strata-contract-framework-derive": {"strata-executor-api"},
    "strata-codec": {"strata-codec-derive"},
    "strata-codec-derive": set(),
    "strata-vm-host-process": {
        "strata-vm-handler", "strata-blockchain-hooks", "strata-vm-core",
        "strata-executor-api", "strata-executor-wasmer",
    },
    "strata-examples": None,  # may assemble anything
    "strata-cli": None,
}
# Contract crates (workspace members by folder) may depend on the framework only.
CONTRACT_FOLDERS = ("examples/contracts/", "contract-framework/test-contracts/")
CONTRACT_ALLOWED = {"strata-contract-framework"}
INTERFACE = {"strata-blockchain-hooks", "strata-executor-api", "strata-vm-handler"}
FORBIDDEN_FOR_INTERFACES = ("wasmer", "wasmtime", "cranelift")


def violations(packages, edges):
    """packages: workspace package names; edges: {pkg: set(normal deps, any crate)}."""
    found = []
    for pkg in sorted(packages):
        if pkg not in ALLOWED:
            found.append(f"{pkg}: not in the dependency policy of .ci/check-deps.py")
            continue
        allowed = ALLOWED[pkg]
        direct = edges.get(pkg, set())
        if allowed is not None:
            for dep in sorted(d for d in direct if d in packages and d not in allowed):
                found.append(f"{pkg} may not depend on {dep}")
    for pkg in sorted(INTERFACE & set(packages)):
        seen, stack = set(), list(edges.get(pkg, set()))
        while stack:
            dep = stack.pop()
            if dep in seen:
                continue
            seen.add(dep)
            stack.extend(edges.get(dep, set()))
        for dep in sorted(seen):
            if dep.startswith(FORBIDDEN_FOR_INTERFACES) or (dep in packages and dep not in INTERFACE):
                found.append(f"interface crate {pkg} depends (transitively) on {dep}")
    return found


def workspace_graph():
    meta = json.loads(subprocess.check_output(
        ["cargo", "metadata", "--format-version", "1", "--locked"], text=True))
    names = {p["id"]: p["name"] for p in meta["packages"]}
    members = {names[i] for i in meta["workspace_members"]}
    root = meta["workspace_root"].rstrip("/") + "/"
    for package in meta["packages"]:
        relative = package["manifest_path"].removeprefix(root)
        if package["id"] in meta["workspace_members"] and relative.startswith(CONTRACT_FOLDERS):
            ALLOWED.setdefault(package["name"], CONTRACT_ALLOWED)
    edges = {}
    for node in meta["resolve"]["nodes"]:
        deps = set()
        for dep in node["deps"]:
            kinds = {k["kind"] for k in dep["dep_kinds"]}
            if kinds - {"dev"}:  # normal or build dependency
                deps.add(names[dep["pkg"]])
        edges[names[node["id"]]] = deps
    return members, edges


def self_test():
    members = set(ALLOWED)
    clean = {
        "strata-vm-core": {"strata-vm-handler", "strata-executor-api", "num-bigint"},
        "strata-executor-wasmer": {"strata-executor-api", "wasmer"},
        "wasmer": {"wasmer-vm"},
    }
    assert violations(members, clean) == [], violations(members, clean)
    upward = dict(clean, **{"strata-world-mock": {"strata-vm-core"}})
    assert violations(members, upward) == ["strata-world-mock may not depend on strata-vm-core"]
    wasmer_in_api = dict(clean, **{"strata-executor-api": {"some-helper"}, "some-helper": {"wasmer"}})
    assert violations(members, wasmer_in_api) == [
        "interface crate strata-executor-api depends (transitively) on wasmer",
        "interface crate strata-executor-api depends (transitively) on wasmer-vm",
    ], violations(members, wasmer_in_api)
    impl_in_handler = dict(clean, **{"strata-vm-handler": {"strata-vm-core"}})
    assert "strata-vm-handler may not depend on strata-vm-core" in violations(members, impl_in_handler)
    print("check-deps self-test: a forbidden edge is reported (3 cases)")


def main():
    if "--self-test" in sys.argv:
        self_test()
        return 0
    members, edges = workspace_graph()
    found = violations(members, edges)
    for line in found:
        print(f"dependency rule broken: {line}", file=sys.stderr)
    if not found:
        print(f"dependency directions ok ({len(members)} crates)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
