#!/usr/bin/env python3
"""List every import (GLOBAL, STACK_GLOBAL, INST) that the pickles of the peer model corpus make.

Never unpickles: it walks opcodes with pickletools.genops and simulates only the stack shape, keeping
string constants so that STACK_GLOBAL operands can be resolved. Zip members, .npy object arrays (in
.npz too) and concatenated legacy-torch pickles are all scanned.

Usage: python3 extract-peer-imports.py /work/shared/corpus/peer-models > peer-imports.json
"""
import io
import json
import pickletools
import sys
import zipfile

MARK = object()


class Global:
    def __init__(self, module, name):
        self.module, self.name = module, name


def scan_stream(data, start):
    """Return (imports, end, error) for the pickle starting at `start`."""
    stack, memo, imports = [], {}, []
    f = io.BytesIO(data)
    f.seek(start)
    end, error = None, None

    def pop_mark():
        while stack:
            if stack.pop() is MARK:
                return

    def record(module, name, opcode, pos):
        if isinstance(module, str) and isinstance(name, str):
            entry = {"module": module, "name": name, "opcode": opcode, "resolved": True, "called": False}
        else:
            entry = {"module": "", "name": "", "opcode": opcode, "resolved": False, "called": False}
        imports.append(entry)
        return entry

    try:
        for op, arg, pos in pickletools.genops(f):
            name = op.name
            if name == "STOP":
                end = f.tell()
                break
            if name == "MARK":
                stack.append(MARK)
                continue
            if name in ("PUT", "BINPUT", "LONG_BINPUT"):
                memo[arg] = stack[-1] if stack else None
                continue
            if name == "MEMOIZE":
                memo[len(memo)] = stack[-1] if stack else None
                continue
            if name in ("GET", "BINGET", "LONG_BINGET"):
                stack.append(memo.get(arg))
                continue
            if name == "DUP":
                stack.append(stack[-1] if stack else None)
                continue
            if name == "GLOBAL":
                module, _, attr = arg.partition(" ")
                entry = record(module, attr, "GLOBAL", pos)
                stack.append(entry)
                continue
            if name == "STACK_GLOBAL":
                attr = stack.pop() if stack else None
                module = stack.pop() if stack else None
                entry = record(module, attr, "STACK_GLOBAL", pos)
                stack.append(entry)
                continue
            if name == "INST":
                module, _, attr = arg.partition(" ")
                entry = record(module, attr, "INST", pos)
                entry["called"] = True
                pop_mark()
                stack.append(None)
                continue
            if name == "OBJ":
                # MARK cls args... OBJ: the class is the first item after the mark
                items = []
                while stack:
                    item = stack.pop()
                    if item is MARK:
                        break
                    items.append(item)
                if items and isinstance(items[-1], dict) and "module" in items[-1]:
                    items[-1]["called"] = True
                stack.append(None)
                continue
            if name in ("REDUCE", "NEWOBJ", "NEWOBJ_EX"):
                count = 3 if name == "NEWOBJ_EX" else 2
                popped = [stack.pop() if stack else None for _ in range(count)]
                callee = popped[-1]
                if isinstance(callee, dict) and "module" in callee:
                    callee["called"] = True
                stack.append(None)
                continue
            if name in ("UNICODE", "BINUNICODE", "SHORT_BINUNICODE", "BINUNICODE8", "STRING",
                        "BINSTRING", "SHORT_BINSTRING"):
                stack.append(arg if isinstance(arg, str) else None)
                continue
            before, after = op.stack_before, op.stack_after
            if pickletools.markobject in before:
                pop_mark()
                extra = before.index(pickletools.markobject)
                for _ in range(extra):
                    if stack:
                        stack.pop()
            else:
                for _ in before:
                    if stack:
                        stack.pop()
            for _ in after:
                stack.append(None)
    except Exception as exc:  # truncated or invalid: keep what was found before the break
        error = f"{type(exc).__name__}: {exc}"
    return imports, end, error


def scan_pickles(data):
    """Every pickle in a blob, one after the other (legacy torch files hold several)."""
    streams, pos = [], 0
    while pos < len(data):
        imports, end, error = scan_stream(data, pos)
        if not imports and end is None and not streams:
            return []  # not a pickle at all
        streams.append({"imports": imports, "error": error})
        if end is None or end <= pos:
            break
        pos = end
    return streams


def npy_pickle(data):
    if not data.startswith(b"\x93NUMPY"):
        return None
    major = data[6]
    if major == 1:
        hlen, hstart = int.from_bytes(data[8:10], "little"), 10
    else:
        hlen, hstart = int.from_bytes(data[8:12], "little"), 12
    header = data[hstart:hstart + hlen].decode("latin1")
    if "'O'" not in header and "|O" not in header:
        return b""
    return data[hstart + hlen:]


def stored_member(data, info):
    at = info.header_offset
    if data[at:at + 4] != b"PK\x03\x04" or info.compress_type != zipfile.ZIP_STORED:
        return None
    name_len = int.from_bytes(data[at + 26:at + 28], "little")
    extra_len = int.from_bytes(data[at + 28:at + 30], "little")
    start = at + 30 + name_len + extra_len
    return data[start:start + info.compress_size]


def scan_blob(data, name):
    """List of (member, streams)."""
    out = []
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                for info in zf.infolist():
                    try:
                        member = zf.read(info)
                    except Exception as exc:
                        # Tampered headers (flag bits, CRC, names) that torch.load tolerates: read the
                        # stored bytes straight after the local header, as torch's reader does.
                        member = stored_member(data, info)
                        if member is None:
                            out.append((info.filename, [{"imports": [], "error": f"unreadable: {exc}"}]))
                            continue
                    for _, streams in scan_blob(member, info.filename):
                        if streams:
                            out.append((info.filename, streams))
        except Exception as exc:
            out.append((None, [{"imports": [], "error": f"bad zip: {exc}"}]))
        return out
    payload = npy_pickle(data)
    if payload is not None:
        return [(None, scan_pickles(payload))] if payload else []
    streams = scan_pickles(data)
    return [(None, streams)] if streams else []


def main(root):
    manifest = json.load(open(f"{root}/MANIFEST.json"))
    files = []
    for entry in manifest["files"]:
        path = entry["path"]
        if path.endswith((".json", ".safetensors", ".yaml", ".md", ".csv", ".template", ".j2", ".jinja",
                          ".h5", ".pb", ".7z")) or path.endswith("LICENSE"):
            continue
        data = open(f"{root}/{path}", "rb").read()
        members = scan_blob(data, path)
        imports = {}
        errors = []
        for member, streams in members:
            for stream in streams:
                if stream["error"]:
                    errors.append(stream["error"])
                for imp in stream["imports"]:
                    key = (imp["module"], imp["name"], imp["resolved"])
                    seen = imports.setdefault(key, dict(imp))
                    seen["called"] = seen["called"] or imp["called"]
        if not members:
            continue
        files.append({
            "path": path,
            "expected": entry["expected"],
            "pickleMembers": sum(1 for m, s in members if s),
            "errors": errors[:3],
            "imports": list(imports.values()),
        })
    json.dump({
        "source": "imports of every pickle in /work/shared/corpus/peer-models (picklescan, modelscan, ModelAudit "
                  "test files; see MANIFEST.json there for provenance and licenses), listed with "
                  "pickletools.genops by __fixtures__/extract-peer-imports.py; nothing was unpickled",
        "files": files,
    }, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
