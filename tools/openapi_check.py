#!/usr/bin/env python3
"""Checks docs/openapi.yaml the way strict OpenAPI tools read it.

Usage: openapi_check.py FILE.yaml

1. The YAML is loaded strictly: a mapping key that appears twice is an error (PyYAML's
   safe_load keeps the last one silently; Swagger UI, client generators and most OpenAPI
   parsers refuse the file).
2. The document is validated against the OpenAPI 3.0 JSON Schema (tools/openapi/
   oas-3.0-schema.json, published by the OpenAPI Initiative) with python3-jsonschema.
3. operationId values are unique (the JSON Schema cannot say so; the specification does).

Exit 0 when the file passes; otherwise 1, with one line per problem on stderr. Used by the
build (tools/openapi_embed.py loads through load_strict) and by
tests/integration/openapi_test.cc.
"""
import json
import os
import sys

import yaml

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "openapi",
                      "oas-3.0-schema.json")
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


class StrictLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a mapping key seen twice in one mapping."""


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            continue  # SafeLoader reports unhashable keys itself
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark,
                f"found duplicate key {key!r} (first at line {seen[key] + 1})",
                key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_strict(path):
    """The YAML document at `path`; raises yaml.YAMLError on a duplicate key."""
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=StrictLoader)  # noqa: S506 (a SafeLoader subclass)


def problems(doc):
    """Every way `doc` breaks OpenAPI 3.0, as readable strings (empty when valid)."""
    import jsonschema  # python3-jsonschema

    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    # JSON round trip: YAML may hold values JSON cannot (dates); the schema judges JSON.
    instance = json.loads(json.dumps(doc, default=str))
    out = []
    for error in sorted(jsonschema.Draft4Validator(schema).iter_errors(instance),
                        key=lambda e: list(map(str, e.absolute_path))):
        where = "/".join(str(p) for p in error.absolute_path) or "(document)"
        out.append(f"{where}: {error.message[:300]}")
    seen = {}
    for path, item in (instance.get("paths") or {}).items():
        for method, op in (item or {}).items():
            if method not in METHODS or not isinstance(op, dict) or "operationId" not in op:
                continue
            op_id = op["operationId"]
            where = f"{method.upper()} {path}"
            if op_id in seen:
                out.append(f"{where}: operationId '{op_id}' is also used by {seen[op_id]}")
            seen.setdefault(op_id, where)
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: openapi_check.py FILE.yaml")
    try:
        doc = load_strict(sys.argv[1])
    except (OSError, yaml.YAMLError) as e:
        print(f"{sys.argv[1]}: {e}", file=sys.stderr)
        return 1
    found = problems(doc)
    for p in found:
        print(f"{sys.argv[1]}: {p}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
