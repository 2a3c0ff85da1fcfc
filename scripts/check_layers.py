#!/usr/bin/env python3
"""Checks that no include in generator/ runs up a layer, and that no product
includes another.

    scripts/check_layers.py LAYERS_TXT GENERATOR_DIR

LAYERS_TXT is the table CMake writes (build/layers.txt), one layer a line:
`target|folders|top-level files|layers it links`. A file may include a header
of its own layer or of a layer its layer reaches through the links; anything
else is reported as `path:line: error: ...`, and the exit code is 1. The build
refuses the same includes (each layer sees only its own headers and those of
the layers it links); this check names the rule that was broken.

Within products/, each product is its own file (registry.cpp includes them):
a product includes products/product.hpp and the shared pieces beside it,
never another product.
"""
import re
import sys
from pathlib import Path

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def read_layers(table):
    layers = {}
    for line in Path(table).read_text().splitlines():
        if not line.strip():
            continue
        name, folders, files, deps = line.split("|")
        layers[name] = (folders.split(), files.split(), deps.split())
    return layers


def reach(layers):
    """Each layer and every layer below it, through its links."""
    memo = {}

    def below(name):
        if name not in memo:
            memo[name] = {name}
            for dep in layers[name][2]:
                memo[name] |= below(dep)
        return memo[name]

    return {name: below(name) for name in layers}


def owner(layers, rel):
    """The layer a path under generator/ (or an include) belongs to."""
    parts = rel.split("/")
    for name, (folders, files, _) in layers.items():
        if len(parts) > 1 and parts[0] in folders:
            return name
        if len(parts) == 1 and Path(rel).stem in files:
            return name
    return None


def main(table, generator):
    generator = Path(generator)
    layers = read_layers(table)
    reachable = reach(layers)
    registry = (generator / "products/registry.cpp").read_text()
    products = set(re.findall(r'#include "products/(\w+)\.hpp"', registry)) - {"product"}
    problems = []
    for path in sorted(generator.rglob("*.[ch]pp")):
        rel = path.relative_to(generator).as_posix()
        layer = owner(layers, rel)
        if layer is None:
            problems.append(f"generator/{rel}:1: error: in no layer: add its folder or file to a gpress_layer() in CMakeLists.txt")
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            header = m.group(1)
            target = owner(layers, header)
            if target is None:
                continue  # a header of the same folder, named without it
            if target not in reachable[layer]:
                problems.append(f"generator/{rel}:{number}: error: {layer} includes {header} of {target}, "
                                f"which is not below it (it links {' '.join(layers[layer][2]) or 'nothing'})")
            own = Path(rel).stem
            included = Path(header).stem
            if (rel.startswith("products/") and header.startswith("products/") and included in products
                    and included != own and own != "registry"):
                problems.append(f"generator/{rel}:{number}: error: product {own} includes product {included}: "
                                "products share only products/product.hpp and the pieces beside it")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} include(s) break the layers", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
