# The driver dsoftmax runs a post's Python code blocks with, in one
# interpreter, in order, as a notebook would: one namespace for every block;
# a block stops at its first exception and the next block runs. Each
# top-level statement is run alone, with its printed output, its warnings,
# its exception, the value of an expression statement and the values it
# assigns to names recorded. Usage:
#     python3 -I driver.py BLOCKS.json RESULT.json CPU_SECONDS MEMORY_BYTES
# BLOCKS.json: [{"line": first line in the post, "code": "..."}, ...].
# RESULT.json: {"statements": [...], "python": version}; written at the end,
# so nothing the code prints can corrupt it.
import ast
import contextlib
import io
import json
import sys
import traceback
import warnings


def limit(cpu, memory):
    try:
        import resource
    except ImportError:
        return
    for what, value in ((resource.RLIMIT_CPU, cpu), (resource.RLIMIT_AS, memory)):
        try:
            resource.setrlimit(what, (value, value))
        except (ValueError, OSError):
            pass


def number(x):
    x = float(x)
    if x != x:
        return "nan"
    if x in (float("inf"), float("-inf")):
        return "inf" if x > 0 else "-inf"
    return x


def numbers(value):
    """The value's numbers, flattened, when it is numeric (a number, a list, an array)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return [number(value)]
    try:
        import numpy
    except ImportError:
        numpy = None
    if numpy is not None and isinstance(value, (numpy.ndarray, numpy.generic, list, tuple)):
        try:
            a = numpy.asarray(value)
        except Exception:
            return None
        if a.dtype.kind in "iuf" and a.size <= 10000:
            return [number(v) for v in a.ravel().tolist()]
        return None
    if isinstance(value, (list, tuple)) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        return [number(v) for v in value]
    return None


def shown(value):
    r = repr(value)
    return r if len(r) <= 4000 else r[:4000] + "..."


def targets(node):
    if isinstance(node, ast.Assign):
        names = [t for t in node.targets if isinstance(t, ast.Name)]
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        names = [node.target] if isinstance(node.target, ast.Name) else []
    else:
        names = []
    return [n.id for n in names]


def run_statement(node, namespace, first_line, block):
    record = {
        "block": block,
        "start": first_line + node.lineno - 1,
        "end": first_line + (node.end_lineno or node.lineno) - 1,
        "stdout": "",
        "warnings": [],
        "error": None,
        "value": None,
        "numbers": None,
        "assigned": {},
    }
    out = io.StringIO()
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        warnings.simplefilter("always")
        try:
            if isinstance(node, ast.Expr):
                code = compile(ast.Expression(node.value), "<post>", "eval")
                value = eval(code, namespace)
                if value is not None:
                    record["value"] = shown(value)
                    record["numbers"] = numbers(value)
            else:
                module = ast.Module(body=[node], type_ignores=[])
                exec(compile(module, "<post>", "exec"), namespace)
                for name in targets(node):
                    if name in namespace:
                        v = namespace[name]
                        record["assigned"][name] = {"repr": shown(v), "numbers": numbers(v)}
        except BaseException as e:  # SystemExit and KeyboardInterrupt too: the post's code stops
            tb = traceback.extract_tb(e.__traceback__)
            line = next((f.lineno for f in reversed(tb) if f.filename == "<post>"), node.lineno)
            record["error"] = {"type": type(e).__name__, "message": str(e), "line": first_line + line - 1}
    record["stdout"] = out.getvalue()[:20000]
    for w in caught:
        record["warnings"].append({"category": w.category.__name__, "message": str(w.message)})
    return record


def main():
    blocks_path, result_path, cpu, memory = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open(blocks_path, encoding="utf-8") as f:
        blocks = json.load(f)
    limit(cpu, memory)
    namespace = {"__name__": "__main__"}
    statements = []
    for index, block in enumerate(blocks):
        try:
            tree = ast.parse(block["code"], "<post>")
        except SyntaxError as e:
            statements.append({
                "block": index, "start": block["line"] + (e.lineno or 1) - 1, "end": block["line"] + (e.lineno or 1) - 1,
                "stdout": "", "warnings": [], "value": None, "numbers": None, "assigned": {},
                "error": {"type": "SyntaxError", "message": str(e.msg), "line": block["line"] + (e.lineno or 1) - 1},
            })
            continue
        for node in tree.body:
            record = run_statement(node, namespace, block["line"], index)
            statements.append(record)
            if record["error"] is not None:
                break
    version = "%d.%d.%d" % sys.version_info[:3]
    with open(result_path, "w", encoding="utf-8") as f:
        json.dump({"statements": statements, "python": version}, f)


main()
