# The driver dsoftmax runs a post's Python code blocks with, in one
# interpreter, in order, as a notebook would: one namespace for every block;
# a block stops at its first exception and the next block runs. Each
# top-level statement is run alone, with its printed output, its warnings,
# its exception, the value of an expression statement and the values it
# assigns to names recorded. What this machine lacks is no fault of the post: a
# module it cannot import is bound to a placeholder that raises when used, and a
# statement that fails for want of a module, a file, the network or memory (an
# "environment" error, and so is a NameError: the code as read lacks the name) is
# skipped and the block goes on; the names it would have set are marked, and a
# statement that reads one is marked too.
# Usage:
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
    return clean(repr(value))


class MissingModule(ImportError):
    """A module this machine lacks was used."""


class Missing:
    """Stands for a module this machine lacks: any use raises MissingModule."""

    def __init__(self, name):
        object.__setattr__(self, "_name", name)

    def __getattr__(self, attr):
        raise MissingModule("No module named %r" % object.__getattribute__(self, "_name"))

    def __call__(self, *args, **kwargs):
        raise MissingModule("No module named %r" % object.__getattribute__(self, "_name"))


ENVIRONMENT_MODULES = ("subprocess", "urllib.error", "http.client", "socket", "ssl", "requests.exceptions")


def environmental(e):
    """Whether the error may come from this machine (a module, a file, the network, a
    library version the post was not written for, a name the code as read lacks) rather
    than from the arithmetic the post shows: every error but those of arithmetic."""
    if isinstance(e, (OverflowError, ZeroDivisionError, FloatingPointError)):
        return False
    return not (isinstance(e, ValueError) and "math domain" in str(e))


# What a statement shows may depend on the machine when its source names one of these
# (versions, the platform, the clock, the process, files, other programs).
MACHINE = (
    "version", "platform", "cpu_count", "getpid", "environ", "datetime", "time.", "time(", "clock", "uuid",
    "getcwd", "listdir", "glob", "open(", "subprocess", "os.system", "popen", "finfo", "longdouble", "hostname",
)


def clean(text, limit=200000):
    """Text that JSON and a terminal can carry: no lone surrogates, no control codes."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = "".join(c if c in "\n\t" or ord(c) >= 32 else "?" for c in text)
    return text[:limit]


def stored(node):
    """Every name the statement binds: assigned, imported, defined."""
    names = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
            names.add(n.id)
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            names.update(a.asname or a.name.split(".")[0] for a in n.names if a.name != "*")
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(n.name)
    return names


def loaded(node):
    """Every name the statement reads (in a function's body too)."""
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


class Taint:
    """The names a statement skipped for the environment would have set, and what depends on them."""

    def __init__(self):
        self.names = set()
        self.deps = {}

    def reaches(self, names):
        seen, todo = set(), list(names)
        while todo:
            n = todo.pop()
            if n in self.names:
                return True
            if n not in seen:
                seen.add(n)
                todo.extend(self.deps.get(n, ()))
        return False

    def after(self, node, failed_for_environment, depends):
        bound = stored(node)
        if failed_for_environment or depends:
            self.names.update(bound)
        else:
            self.names.difference_update(bound)
        reads = loaded(node)
        for n in bound:
            self.deps[n] = reads


def bind_missing(node, namespace):
    """Binds the names a failed import would have bound to placeholders."""
    for alias in node.names:
        if alias.name == "*":
            continue
        name = alias.asname or alias.name.split(".")[0]
        namespace[name] = Missing(alias.name)


def targets(node):
    if isinstance(node, ast.Assign):
        names = [t for t in node.targets if isinstance(t, ast.Name)]
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        names = [node.target] if isinstance(node.target, ast.Name) else []
    else:
        names = []
    return [n.id for n in names]


def run_statement(node, namespace, first_line, block, tainted, source):
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
                # A notebook shows no value for a line that ends with `;`.
                last_line = source.splitlines()[(node.end_lineno or node.lineno) - 1].split("#")[0]
                if value is not None and not last_line.rstrip().endswith(";"):
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
            environment = environmental(e)
            if environment and isinstance(e, ImportError) and isinstance(node, (ast.Import, ast.ImportFrom)):
                bind_missing(node, namespace)
            record["error"] = {
                "type": type(e).__name__, "message": clean(str(e), 2000), "line": first_line + line - 1,
                "environment": environment,
            }
    segment = (ast.get_source_segment(source, node) or "").lower()
    record["compound"] = not isinstance(node, (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Import,
                                              ast.ImportFrom, ast.Pass, ast.Delete, ast.Global, ast.Nonlocal))
    record["machine"] = any(m in segment for m in MACHINE)
    record["tainted"] = tainted.reaches(loaded(node))
    tainted.after(node, record["error"] is not None and record["error"]["environment"],
                  record["tainted"] or record["machine"])
    printed = out.getvalue()
    record["truncated"] = len(printed) > 200000 or (record["value"] or "").__len__() >= 200000
    record["stdout"] = clean(printed)
    for w in caught:
        record["warnings"].append({"category": w.category.__name__, "message": clean(str(w.message), 2000)})
    return record


def main():
    blocks_path, result_path, cpu, memory = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open(blocks_path, encoding="utf-8") as f:
        blocks = json.load(f)
    limit(cpu, memory)
    sys.argv = [""]
    namespace = {"__name__": "__main__"}
    tainted = Taint()
    statements = []
    for index, block in enumerate(blocks):
        # IPython's magics and shell lines (`%matplotlib inline`, `!pip install …`) are no Python.
        source = "\n".join("" if l.lstrip().startswith(("%", "!")) else l for l in block["code"].split("\n"))
        try:
            tree = ast.parse(source, "<post>")
        except SyntaxError as e:
            statements.append({
                "block": index, "start": block["line"] + (e.lineno or 1) - 1, "end": block["line"] + (e.lineno or 1) - 1,
                "stdout": "", "warnings": [], "value": None, "numbers": None, "assigned": {}, "tainted": False,
                "compound": False, "truncated": False, "machine": False,
                "error": {
                    "type": "SyntaxError", "message": clean(str(e.msg), 2000), "line": block["line"] + (e.lineno or 1) - 1,
                    "environment": True,
                },
            })
            continue
        for node in tree.body:
            record = run_statement(node, namespace, block["line"], index, tainted, source)
            statements.append(record)
            # A notebook's cell stops at its first exception (and at sys.exit); the
            # environment's is skipped.
            error = record["error"]
            if error is not None and (not error["environment"] or error["type"] == "SystemExit"):
                break
    version = "%d.%d.%d" % sys.version_info[:3]
    with open(result_path, "w", encoding="utf-8") as f:
        json.dump({"statements": statements, "python": version}, f)


main()
