// src/errors/pace-error.ts
var PACE_ERROR_BRAND = /* @__PURE__ */ Symbol.for("pace-rules.PaceError");
var PaceError = class extends Error {
  name = "PaceError";
  /** A stable, machine-readable code from a closed union. */
  code;
  /** Every problem found, each with its JSON path. Empty when the message says it all. */
  issues;
  constructor(code, message, issues = [], options) {
    super(message, options);
    this.code = code;
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
    Object.defineProperty(this, PACE_ERROR_BRAND, { value: true });
  }
  /** A plain object for logs and JSON APIs. */
  toJSON() {
    return { name: "PaceError", code: this.code, message: this.message, issues: this.issues.map((i) => ({ ...i })) };
  }
};
function isPaceError(value) {
  return typeof value === "object" && value !== null && value[PACE_ERROR_BRAND] === true;
}
function formatIssues(summary, issues) {
  if (issues.length === 0) return summary;
  const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : "";
  return `${summary}: ${shown.join("; ")}${more}`;
}

// src/engine/json-data.ts
var isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
function isPlainObject(value) {
  if (!isRecord(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
var hasDefined = (value, key) => Object.hasOwn(value, key) && value[key] !== void 0;
var isThenable = (value) => (typeof value === "object" || typeof value === "function") && value !== null && typeof value.then === "function";
function isJsonData(value, maxDepth) {
  if (maxDepth < 0) return false;
  if (value === null || value === void 0) return true;
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return true;
    case "object":
      if (Array.isArray(value)) return value.every((item) => isJsonData(item, maxDepth - 1));
      return isPlainObject(value) && Object.values(value).every((item) => isJsonData(item, maxDepth - 1));
    default:
      return false;
  }
}
function copyJson(value) {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const out = {};
  for (const k of Object.keys(value)) out[k] = copyJson(value[k]);
  return out;
}
var IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/u;
var pathStep = (name) => IDENTIFIER.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
function describeValue(value) {
  if (typeof value === "bigint") return `${String(value)}n`;
  if (typeof value === "symbol" || typeof value === "function") return `a ${typeof value}`;
  if (value === void 0) return "undefined";
  try {
    const text = JSON.stringify(value);
    return text.length > 200 ? `${text.slice(0, 200)}\u2026` : text;
  } catch {
    return Array.isArray(value) ? "an array" : "an object";
  }
}

// src/engine/condition-tree.ts
var bitOf = (slot) => 1 << (slot & 31);

// src/engine/lower-to-cells.ts
var LEAF = 0;
var ALL = 1;
var ANY = 2;
var NOT = 3;
var REFERENCE = 4;
var BUILT_IN_CODES = /* @__PURE__ */ new Map([
  ["equal", 0],
  ["notEqual", 1],
  ["in", 2],
  ["notIn", 3],
  ["contains", 4],
  ["doesNotContain", 5],
  ["lessThan", 6],
  ["lessThanInclusive", 7],
  ["greaterThan", 8],
  ["greaterThanInclusive", 9]
]);
var GENERIC = 10;
var EQUAL_TRUE = 11;
var EQUAL_FALSE = 12;
var NOT_EQUAL_TRUE = 13;
var NOT_EQUAL_FALSE = 14;
var EQUAL_STRING = 15;
var NOT_EQUAL_STRING = 16;
var NUMERIC_FIRST = 6;
var NUMERIC_LAST = 9;
function operatorCodeOf(leaf) {
  if (leaf.builtIn === void 0) return GENERIC;
  const code = BUILT_IN_CODES.get(leaf.builtIn);
  if (leaf.right !== void 0 || code > 1) return code;
  const value = leaf.value;
  const equal = code === 0;
  if (value === true) return equal ? EQUAL_TRUE : NOT_EQUAL_TRUE;
  if (value === false) return equal ? EQUAL_FALSE : NOT_EQUAL_FALSE;
  if (typeof value === "string") return equal ? EQUAL_STRING : NOT_EQUAL_STRING;
  return code;
}
var NO_CELLS = [];
var NO_NUMBERS = [];
var NO_FLAGS = [];
var NO_SEGMENTS = [];
var NO_GROUP = { members: NO_CELLS, groupEnds: NO_NUMBERS, restSafe: NO_FLAGS, restMask: NO_NUMBERS };
var Cell = class {
  kind;
  /** Cannot throw on JSON data once every fact it reads is present (see LeafNode.safe)… */
  safe;
  /** …those facts (bits of fact slots). */
  mask;
  /** A group evaluated by json-rules-engine's `evaluateCondition` whose only child is a raw-result leaf: compare `=== true`. */
  strict;
  // all / any: the members flattened in evaluation order (priority groups, highest first).
  members;
  /** End (exclusive) in `members` of each priority group. */
  groupEnds;
  /** For member i: members i..end of its priority group can only throw by reading an absent fact… */
  restSafe;
  /** …one of these (bits of fact slots). */
  restMask;
  /** not: the negated cell; reference: the named condition's cell. */
  child;
  /** reference: what the target's trace paths continue from, `<name>` after the reference's own path. */
  traceStep;
  // leaf
  leaf;
  operatorCode;
  /** Left operand: its slot, the slot of its fact, and the path from that fact (empty: the fact itself). */
  leftSlot;
  leftFactSlot;
  leftPath;
  /** The only segment of a one-segment path. */
  leftKey;
  /** Bit of the left operand's fact in the mask of absent facts. */
  leftFactBit;
  /** Right operand when it is a fact reference (rightSlot > 0); otherwise `literal` is the right operand. */
  rightSlot;
  rightFactSlot;
  rightPath;
  rightKey;
  rightFactBit;
  literal;
  evaluate;
  rawResult;
  /** Slot caching this leaf's result for the run, shared by identical leaves; 0 when not cached. */
  memo;
  constructor(node, group, child, memo) {
    this.kind = node.kind === "leaf" ? LEAF : node.kind === "all" ? ALL : node.kind === "any" ? ANY : node.kind === "not" ? NOT : REFERENCE;
    const only = node.kind === "all" || node.kind === "any" ? node.children.length === 1 ? node.children[0] : void 0 : void 0;
    this.strict = only !== void 0 && only.kind === "leaf" && only.rawResult;
    this.safe = node.safe;
    this.mask = node.mask;
    this.members = group.members;
    this.groupEnds = group.groupEnds;
    this.restSafe = group.restSafe;
    this.restMask = group.restMask;
    this.child = child;
    this.traceStep = node.kind === "reference" ? `${node.tracePath}<${node.name}>` : "";
    const leaf = node.kind === "leaf" ? node : void 0;
    this.leaf = leaf;
    this.operatorCode = leaf === void 0 ? GENERIC : operatorCodeOf(leaf);
    this.leftSlot = leaf === void 0 ? 0 : leaf.left.slot;
    this.leftFactSlot = leaf === void 0 ? 0 : leaf.left.factSlot;
    this.leftPath = leaf === void 0 ? NO_SEGMENTS : leaf.left.segments;
    this.leftKey = this.leftPath.length === 1 ? this.leftPath[0] : void 0;
    this.leftFactBit = leaf === void 0 ? 0 : bitOf(this.leftFactSlot);
    const right = leaf?.right;
    this.rightSlot = right === void 0 ? 0 : right.slot;
    this.rightFactSlot = right === void 0 ? 0 : right.factSlot;
    this.rightPath = right === void 0 ? NO_SEGMENTS : right.segments;
    this.rightKey = this.rightPath.length === 1 ? this.rightPath[0] : void 0;
    this.rightFactBit = right === void 0 ? 0 : bitOf(this.rightFactSlot);
    this.literal = leaf === void 0 ? void 0 : leaf.value;
    this.evaluate = leaf?.evaluate;
    this.rawResult = leaf !== void 0 && leaf.rawResult;
    this.memo = memo;
  }
};
function layoutGroup(groups, lower2) {
  const members = [];
  const groupEnds = [];
  for (const group of groups) {
    for (const node of group) members.push(lower2(node));
    groupEnds.push(members.length);
  }
  const restSafe = new Array(members.length);
  const restMask = new Array(members.length);
  let start = 0;
  for (const end of groupEnds) {
    let safe = true;
    let mask = 0;
    for (let i = end - 1; i >= start; i--) {
      safe &&= members[i].safe;
      mask |= members[i].mask;
      restSafe[i] = safe;
      restMask[i] = mask;
    }
    start = end;
  }
  return { members, groupEnds, restSafe, restMask };
}
function memoKey(leaf) {
  if (leaf.builtIn === void 0) return void 0;
  let literal2 = "";
  if (leaf.right === void 0) {
    const value = leaf.value;
    if (Array.isArray(value)) {
      if (leaf.builtIn !== "in" && leaf.builtIn !== "notIn") return void 0;
      const items = value.map(primitiveKey);
      literal2 = items.every((k) => k !== void 0) ? `[${items.join(",")}]` : void 0;
    } else literal2 = primitiveKey(value);
  }
  return literal2 === void 0 ? void 0 : `${leaf.builtIn} ${leaf.left.slot} ${leaf.right?.slot ?? 0} ${literal2}`;
}
function primitiveKey(v) {
  if (v === null) return "null";
  switch (typeof v) {
    case "string":
      return `s${JSON.stringify(v)}`;
    case "number":
    case "boolean":
    case "undefined":
      return `${typeof v}:${String(v)}`;
    default:
      return void 0;
  }
}
function forEachLeaf(roots, visit) {
  const seen = /* @__PURE__ */ new Set();
  const walk2 = (node) => {
    if (seen.has(node)) return;
    seen.add(node);
    if (node.kind === "leaf") visit(node);
    else if (node.kind === "not" || node.kind === "reference") walk2(node.kind === "not" ? node.child : node.target);
    else node.children.forEach(walk2);
  };
  roots.forEach(walk2);
}
function lowerRules(rules, width) {
  const occurrences = /* @__PURE__ */ new Map();
  const keys = /* @__PURE__ */ new Map();
  forEachLeaf(
    rules.map((r) => r.root),
    (leaf) => {
      const key = memoKey(leaf);
      if (key === void 0) return;
      keys.set(leaf, key);
      occurrences.set(key, (occurrences.get(key) ?? 0) + 1);
    }
  );
  const memoSlots = /* @__PURE__ */ new Map();
  let next = width;
  const memoSlotOf = (leaf) => {
    const key = keys.get(leaf);
    if (key === void 0 || occurrences.get(key) < 2) return 0;
    let slot = memoSlots.get(key);
    if (slot === void 0) memoSlots.set(key, slot = next++);
    return slot;
  };
  const cells = /* @__PURE__ */ new Map();
  const lower2 = (node) => {
    let cell = cells.get(node);
    if (cell !== void 0) return cell;
    switch (node.kind) {
      case "leaf":
        cell = new Cell(node, NO_GROUP, void 0, memoSlotOf(node));
        break;
      case "not":
        cell = new Cell(node, NO_GROUP, lower2(node.child), 0);
        break;
      case "reference":
        cell = new Cell(node, NO_GROUP, lower2(node.target), 0);
        break;
      default:
        cell = new Cell(node, layoutGroup(node.groups, lower2), void 0, 0);
    }
    cells.set(node, cell);
    return cell;
  };
  const runnable = rules.map((rule) => {
    const root = lower2(rule.root);
    const inner = rule.rootIsInner && rule.root.kind !== "not";
    const onlyLeaf = root.kind === LEAF && !inner ? root : inner && root.members.length === 1 && root.members[0].kind === LEAF ? root.members[0] : void 0;
    return { rule, root, inner, onlyLeaf };
  });
  return { runnable, width: next };
}

// src/engine/operators.ts
function isNumericFact(factValue) {
  return typeof factValue === "number" ? factValue === factValue : Number.parseFloat(factValue).toString() !== "NaN";
}
var BUILT_IN_OPERATORS = Object.freeze({
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => b.indexOf(a) > -1,
  notIn: (a, b) => b.indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => isNumericFact(a) && a < b,
  lessThanInclusive: (a, b) => isNumericFact(a) && a <= b,
  greaterThan: (a, b) => isNumericFact(a) && a > b,
  greaterThanInclusive: (a, b) => isNumericFact(a) && a >= b
});
function isBuiltInOperator(name) {
  return Object.hasOwn(BUILT_IN_OPERATORS, name);
}
var DECORATORS = /* @__PURE__ */ new Map([
  ["someFact", { validator: Array.isArray, callback: (f, v, next) => f.some((fv) => next(fv, v)) }],
  ["someValue", { validator: void 0, callback: (f, v, next) => v.some((jv) => next(f, jv)) }],
  ["everyFact", { validator: Array.isArray, callback: (f, v, next) => f.every((fv) => next(fv, v)) }],
  ["everyValue", { validator: void 0, callback: (f, v, next) => v.every((jv) => next(f, jv)) }],
  ["swap", { validator: void 0, callback: (f, v, next) => next(v, f) }],
  ["not", { validator: void 0, callback: (f, v, next) => !next(f, v) }]
]);
function resolveOperator(name, custom) {
  const known = (n2) => {
    if (Object.hasOwn(custom, n2)) {
      const cb = custom[n2];
      return (f, v) => cb(f, v);
    }
    return isBuiltInOperator(n2) ? BUILT_IN_OPERATORS[n2] : void 0;
  };
  const decorators = [];
  const decoratorNames = [];
  let opName = name;
  let op2 = known(opName);
  while (op2 === void 0) {
    const index = opName.indexOf(":");
    if (index <= 0) return void 0;
    const decorator = DECORATORS.get(opName.slice(0, index));
    if (decorator === void 0) return void 0;
    decorators.unshift(decorator);
    decoratorNames.push(opName.slice(0, index));
    opName = opName.slice(index + 1);
    op2 = known(opName);
  }
  const builtIn = !Object.hasOwn(custom, opName) && isBuiltInOperator(opName) ? opName : void 0;
  let evaluate = op2;
  for (const decorator of decorators) {
    const next = evaluate;
    const { validator, callback } = decorator;
    evaluate = validator === void 0 ? (f, v) => callback(f, v, next) : (f, v) => validator(f) && callback(f, v, next);
  }
  return { evaluate, builtIn, decorators: decoratorNames };
}

// src/engine/path.ts
var FORBIDDEN_SEGMENTS = /* @__PURE__ */ new Set(["__proto__", "constructor", "prototype"]);
var UNSAFE_IN_QUOTED = /['"[\]().;,~^@*?$`#%:\\\u0000-\u001f]/u;
var DOT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*/u;
var INDEX = /^\[(\d+)\]/u;
var QUOTED = /^\[(['"])([^'"]*)\1\]/u;
function tryParsePath(path) {
  if (!path.startsWith("$")) return { ok: false, message: `path "${path}" must start with "$"` };
  const segments = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    let segment;
    if (rest.startsWith("..")) return { ok: false, message: `path "${path}": recursive descent ".." is not supported` };
    if (rest.startsWith(".")) {
      const m = DOT_NAME.exec(rest.slice(1));
      if (m === null) return { ok: false, message: `path "${path}": unsupported segment after "." at "${rest}" (only names like .abc, [0] and ['a b'] are supported; no wildcards, filters or scripts)` };
      segment = m[0];
      rest = rest.slice(1 + segment.length);
    } else if (rest.startsWith("[")) {
      const index = INDEX.exec(rest);
      const quoted = index === null ? QUOTED.exec(rest) : null;
      if (index !== null) {
        segment = index[1];
        rest = rest.slice(index[0].length);
      } else if (quoted !== null) {
        segment = quoted[2];
        if (segment.length === 0 || UNSAFE_IN_QUOTED.test(segment)) {
          return { ok: false, message: `path "${path}": quoted segment ${JSON.stringify(segment)} is empty or contains a character JSONPath interprets` };
        }
        rest = rest.slice(quoted[0].length);
      } else {
        return { ok: false, message: `path "${path}": unsupported bracket expression at "${rest}" (filters ?(), scripts (), wildcards *, slices, unions and negative indexes are not supported)` };
      }
    } else {
      return { ok: false, message: `path "${path}": unexpected "${rest}"` };
    }
    if (FORBIDDEN_SEGMENTS.has(segment)) return { ok: false, message: `path "${path}": segment "${segment}" is forbidden (it would reach the prototype chain)` };
    segments.push(segment);
  }
  return { ok: true, segments };
}
function parsePath(path) {
  const result = tryParsePath(path);
  if (!result.ok) throw new PaceError("unsupported-path", result.message, [{ path: "$", message: result.message }]);
  return result.segments;
}
function resolvePath(factValue, segments) {
  if (factValue === null || typeof factValue !== "object") return factValue;
  let value = factValue;
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i];
    if (!value || !Object.hasOwn(value, key)) return void 0;
    value = value[key];
  }
  return value;
}

// src/engine/run-state.ts
var MISSING = /* @__PURE__ */ Symbol("missing-fact");
var NO_RECORDS = [];
var RunState = class {
  values;
  stamps;
  epoch = 0;
  /** Bits of the absent facts (always 0 with allowUndefinedFacts); bits may alias (slot & 31). */
  missing = 0;
  /** Trace mode: a buffer of the leaf records of the rule being traced (fresh each traced run: young, so storing records in it costs no write barrier), and how many there are. */
  records = NO_RECORDS;
  count = 0;
  /** Trace mode: the raw result of the leaf traced last. */
  leafResult = void 0;
  /** Trace mode: the path of the named-condition references being traced (`conditions.any[0]<name>`), '' outside them. */
  tracePrefix = "";
  constructor(width) {
    this.values = new Array(width).fill(void 0);
    this.stamps = new Int32Array(width);
  }
  /** Starts a run: every slot computed in an earlier run becomes stale. */
  next() {
    if (this.epoch === 1073741823) {
      this.stamps.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }
  /** Whether a slot holds a value of this run. */
  current(slot) {
    return this.stamps[slot] === this.epoch;
  }
  /** Keeps a value of this run in a slot. */
  keep(slot, value) {
    this.values[slot] = value;
    this.stamps[slot] = this.epoch;
  }
  /** Ends a run: the state lets go of the facts and of everything read from them. */
  clear() {
    const values = this.values;
    for (let i = 0; i < values.length; i++) values[i] = void 0;
    this.records = NO_RECORDS;
    this.leafResult = void 0;
    this.tracePrefix = "";
  }
};
var CONSTANT = -1;
function slotLookup(table) {
  if (table.size > 8) return (name) => table.get(name);
  const names = [...table.keys()];
  const slots = [...table.values()];
  return (name) => {
    for (let i = 0; i < names.length; i++) if (names[i] === name) return slots[i];
    return void 0;
  };
}
var PER_RUN = /* @__PURE__ */ Symbol("per-run");
function constantPathValue(fact, path) {
  if (fact === null || typeof fact !== "object") return fact;
  let value = fact;
  for (const segment of path) {
    if (!value) return void 0;
    if (typeof value === "object" || typeof value === "function") {
      const descriptor = Object.getOwnPropertyDescriptor(value, segment);
      if (descriptor === void 0 || !("value" in descriptor)) return PER_RUN;
      value = descriptor.value;
    } else {
      value = Object.hasOwn(value, segment) ? value[segment] : void 0;
    }
  }
  return value;
}
function bindFacts(facts) {
  return { names: [...facts.keys()], slots: [...facts.values()], slotOf: slotLookup(facts), constants: [], constantFacts: /* @__PURE__ */ new Map() };
}
function bindConstantFacts(base, facts, paths, constants) {
  if (typeof constants !== "object" || constants === null || Array.isArray(constants)) {
    throw new PaceError("invalid-input", "withConstantFacts(facts) expects an object of facts", [{ path: "$", message: "expected an object of facts" }]);
  }
  const constantFacts = new Map(base.constantFacts);
  for (const name of Object.keys(constants)) {
    const at = `$${pathStep(name)}`;
    if (constantFacts.has(name)) throw new PaceError("invalid-input", `fact "${name}" is already constant`, [{ path: at, message: "already bound by withConstantFacts" }]);
    let value;
    let thenable;
    try {
      value = constants[name];
      thenable = isThenable(value);
    } catch (error) {
      const message = `reading it failed: ${error instanceof Error ? error.message : "an exception was thrown"}`;
      throw new PaceError("invalid-input", `constant fact "${name}": ${message}`, [{ path: at, message }], { cause: error });
    }
    if (typeof value === "function" || thenable) {
      throw new PaceError("invalid-input", `fact "${name}" is a function or a promise; compiled rules evaluate data facts only`, [{ path: at, message: "expected data, not a function or a promise" }]);
    }
    constantFacts.set(name, value);
  }
  const pairs = [];
  const runTable = /* @__PURE__ */ new Map();
  for (const [name, slot] of facts) {
    if (!constantFacts.has(name)) {
      runTable.set(name, slot);
      continue;
    }
    const value = constantFacts.get(name);
    pairs.push(slot, value);
    for (const p of paths) {
      if (p.factSlot !== slot) continue;
      let resolved;
      try {
        resolved = constantPathValue(value, p.segments);
      } catch (error) {
        const message = `reading ${p.segments.join(".")} failed: ${error instanceof Error ? error.message : String(error)}`;
        throw new PaceError("invalid-input", `constant fact "${name}": ${message}`, [{ path: `$${pathStep(name)}`, message }], { cause: error });
      }
      if (resolved !== PER_RUN) pairs.push(p.slot, resolved);
    }
  }
  const lookup = slotLookup(runTable);
  return {
    names: [...runTable.keys()],
    slots: [...runTable.values()],
    slotOf: (name) => lookup(name) ?? (constantFacts.has(name) ? CONSTANT : void 0),
    constants: pairs,
    constantFacts
  };
}
function readFacts(facts, run2, binding, absent, trackMissing) {
  const epoch = run2.next();
  const { values, stamps } = run2;
  const slotOf = binding.slotOf;
  let empty = false;
  for (const name in facts) {
    if (name === "") empty = true;
    else {
      const slot = slotOf(name);
      if (slot !== void 0) {
        if (slot === CONSTANT) throw constantPassed(name);
        values[slot] = facts[name];
        stamps[slot] = epoch;
      }
    }
  }
  if (empty) throw new PaceError("invalid-input", 'a fact name must not be empty (json-rules-engine: "factId required")', [{ path: '$.facts[""]', message: "a fact name must not be empty" }]);
  const constants = binding.constants;
  for (let j = 0; j < constants.length; j += 2) {
    const at = constants[j];
    values[at] = constants[j + 1];
    stamps[at] = epoch;
  }
  const { names, slots } = binding;
  let missing = 0;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i];
    if (stamps[slot] !== epoch) {
      values[slot] = absent;
      stamps[slot] = epoch;
      missing |= bitOf(slot);
      continue;
    }
    const value = values[slot];
    if (typeof value === "function" || isThenable(value)) throw notData(names[i]);
  }
  run2.missing = trackMissing ? missing : 0;
}
function constantPassed(name) {
  const message = `fact "${name}" is constant (bound by withConstantFacts) and cannot be passed to run as well`;
  return new PaceError("invalid-input", message, [{ path: `$.facts${pathStep(name)}`, message }]);
}
function notData(name) {
  const message = `fact "${name}" is a function or a promise; compileRules evaluates data facts only (resolve it before run)`;
  return new PaceError("invalid-input", message, [{ path: `$.facts${pathStep(name)}`, message: "expected data, not a function or a promise" }]);
}

// src/engine/evaluate-conditions.ts
var LeafFailure = class {
  constructor(reason, leaf, detail) {
    this.reason = reason;
    this.leaf = leaf;
    this.detail = detail;
  }
  reason;
  leaf;
  detail;
};
function resolve(fact, key, path) {
  if (key === void 0) return resolvePath(fact, path);
  return fact !== null && typeof fact === "object" ? Object.hasOwn(fact, key) ? fact[key] : void 0 : fact;
}
function checkPresent(cell, run2, factBit, factSlot, fact) {
  if ((run2.missing & factBit) !== 0 && run2.values[factSlot] === MISSING) throw new LeafFailure("undefined-fact", cell.leaf, fact);
}
function leftOperand(cell, run2) {
  if (run2.missing !== 0) checkPresent(cell, run2, cell.leftFactBit, cell.leftFactSlot, cell.leaf.left.fact);
  const slot = cell.leftSlot;
  if (run2.current(slot)) return run2.values[slot];
  const a = resolve(run2.values[cell.leftFactSlot], cell.leftKey, cell.leftPath);
  run2.keep(slot, a);
  return a;
}
function rightOperand(cell, run2) {
  const slot = cell.rightSlot;
  if (slot === 0) return cell.literal;
  if (run2.missing !== 0) checkPresent(cell, run2, cell.rightFactBit, cell.rightFactSlot, cell.leaf.right.fact);
  if (run2.current(slot)) return run2.values[slot];
  const b = resolve(run2.values[cell.rightFactSlot], cell.rightKey, cell.rightPath);
  run2.keep(slot, b);
  return b;
}
function applyGeneric(cell, a, b) {
  let r;
  try {
    r = cell.evaluate(a, b);
  } catch (error) {
    throw error instanceof LeafFailure || isPaceError(error) ? error : new LeafFailure("operator-threw", cell.leaf, error);
  }
  if (cell.rawResult && typeof r !== "boolean" && isThenable(r)) throw new LeafFailure("promise", cell.leaf, void 0);
  return r;
}
function apply(cell, a, b) {
  switch (cell.operatorCode) {
    case 0:
      return a === b;
    case 1:
      return a !== b;
    case 2:
      return b.indexOf(a) > -1;
    case 3:
      return b.indexOf(a) === -1;
    case 4:
      return Array.isArray(a) && a.indexOf(b) > -1;
    case 5:
      return Array.isArray(a) && a.indexOf(b) === -1;
    case 6:
      return isNumericFact(a) && a < b;
    case 7:
      return isNumericFact(a) && a <= b;
    case 8:
      return isNumericFact(a) && a > b;
    case 9:
      return isNumericFact(a) && a >= b;
    case EQUAL_TRUE:
      return a === true;
    case EQUAL_FALSE:
      return a === false;
    case NOT_EQUAL_TRUE:
      return a !== true;
    case NOT_EQUAL_FALSE:
      return a !== false;
    case EQUAL_STRING:
      return typeof a === "string" && a === b;
    case NOT_EQUAL_STRING:
      return typeof a !== "string" || a !== b;
    default:
      return applyGeneric(cell, a, b);
  }
}
function evaluateLeaf(cell, run2) {
  const memo = cell.memo;
  if (memo !== 0 && run2.current(memo)) return run2.values[memo];
  const b = rightOperand(cell, run2);
  const r = apply(cell, leftOperand(cell, run2), b);
  if (memo !== 0) run2.keep(memo, r);
  return r;
}
function evaluateCondition(cell, run2) {
  switch (cell.kind) {
    case LEAF:
      return evaluateLeaf(cell, run2);
    case NOT:
      return !evaluateCondition(cell.child, run2);
    case REFERENCE:
      return evaluateCondition(cell.child, run2);
    default: {
      const r = evaluateGroup(cell, run2);
      return cell.strict ? r === true : r;
    }
  }
}
function evaluateGroup(cell, run2) {
  const members = cell.members;
  if (members.length === 0) return true;
  if (members.length === 1) return evaluateCondition(members[0], run2);
  const isAll = cell.kind === ALL;
  const ends = cell.groupEnds;
  let i = 0;
  for (let g = 0; g < ends.length; g++) {
    const end = ends[g];
    for (; i < end; i++) {
      const member = members[i];
      if ((member.kind === LEAF ? evaluateLeaf(member, run2) : evaluateCondition(member, run2)) === true !== isAll) {
        const rest = i + 1;
        if (rest < end && !(cell.restSafe[rest] === true && (run2.missing & cell.restMask[rest]) === 0)) {
          for (let j = rest; j < end; j++) settle(members[j], run2);
        }
        return !isAll;
      }
    }
  }
  return isAll;
}
var isInert = (x) => {
  const t = typeof x;
  return x === null || t === "number" || t === "string" || t === "boolean" || t === "undefined";
};
function settle(cell, run2) {
  if (cell.safe && (run2.missing & cell.mask) === 0) return;
  if (cell.kind === LEAF && cell.operatorCode >= NUMERIC_FIRST && cell.operatorCode <= NUMERIC_LAST) {
    const b = rightOperand(cell, run2);
    if (isInert(leftOperand(cell, run2)) && isInert(b)) return;
  }
  evaluateCondition(cell, run2);
}
function evaluateRoot(cell, inner, run2) {
  return inner ? evaluateGroup(cell, run2) : evaluateCondition(cell, run2);
}

// src/engine/run-errors.ts
var messageOf = (error) => {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "an unprintable value was thrown";
  }
};
function runFailure(error, rule) {
  if (isPaceError(error)) return error;
  if (!(error instanceof LeafFailure)) {
    const message = messageOf(error);
    if (rule === void 0) return new PaceError("invalid-input", `reading the facts failed: ${message}`, [{ path: "$.facts", message }], { cause: error });
    const at = `$[${rule.index}].conditions`;
    return new PaceError("invalid-input", `evaluating rule ${rule.label} failed: ${message}`, [{ path: at, message }], { cause: error });
  }
  const { leaf } = error;
  const label = rule === void 0 ? "?" : rule.label;
  switch (error.reason) {
    case "undefined-fact": {
      const fact = error.detail;
      const message = `Undefined fact: "${fact}" is read by rule ${label} at ${leaf.sourcePath} and was not supplied (pass it, or compile with allowUndefinedFacts: true)`;
      return new PaceError("undefined-fact", message, [
        { path: `$.facts${pathStep(fact)}`, message: `not supplied; read by rule ${label}` },
        { path: leaf.sourcePath, message: `reads the fact "${fact}"` }
      ]);
    }
    case "promise": {
      const message = `operator "${leaf.operator}" returned a promise in rule ${label} at ${leaf.sourcePath}; operators must be synchronous`;
      return new PaceError("invalid-input", message, [{ path: `${leaf.sourcePath}.operator`, message: "returned a promise" }]);
    }
    case "operator-threw": {
      const thrown = messageOf(error.detail);
      const message = `evaluating rule ${label} failed: operator "${leaf.operator}" at ${leaf.sourcePath} threw: ${thrown}`;
      return new PaceError("invalid-input", message, [{ path: `${leaf.sourcePath}.operator`, message: `threw: ${thrown}` }], { cause: error.detail });
    }
    default: {
      const unexpected = error.reason;
      throw new Error(`unexpected failure ${String(unexpected)}`);
    }
  }
}

// src/engine/trace-conditions.ts
function traceLeaf(cell, run2) {
  const b = rightOperand(cell, run2);
  const a = leftOperand(cell, run2);
  const memo = cell.memo;
  let r;
  if (memo !== 0 && run2.current(memo)) r = run2.values[memo];
  else {
    r = apply(cell, a, b);
    if (memo !== 0) run2.keep(memo, r);
  }
  run2.leafResult = r;
  const leaf = cell.leaf;
  const prefix = run2.tracePrefix;
  const path = prefix === "" ? leaf.tracePath : prefix + leaf.tracePath;
  return { path, fact: leaf.left.fact, factPath: leaf.factPath, operator: leaf.operator, factValue: a, value: b, passed: r === true };
}
function traceReference(cell, run2) {
  const outer = run2.tracePrefix;
  run2.tracePrefix = outer + cell.traceStep;
  const r = traceCondition(cell.child, run2);
  run2.tracePrefix = outer;
  return r;
}
function traceCondition(cell, run2) {
  switch (cell.kind) {
    case LEAF: {
      const record3 = traceLeaf(cell, run2);
      const records = run2.records;
      if (run2.count === records.length) records.push(record3);
      else records[run2.count] = record3;
      run2.count++;
      return run2.leafResult;
    }
    case NOT:
      return !traceCondition(cell.child, run2);
    case REFERENCE:
      return traceReference(cell, run2);
    default: {
      const r = traceGroup(cell, run2);
      return cell.strict ? r === true : r;
    }
  }
}
function traceGroup(cell, run2) {
  const members = cell.members;
  if (members.length === 0) return true;
  if (members.length === 1) return traceCondition(members[0], run2);
  const isAll = cell.kind === ALL;
  const ends = cell.groupEnds;
  let i = 0;
  for (let g = 0; g < ends.length; g++) {
    const end = ends[g];
    let decided = false;
    for (; i < end; i++) if (traceCondition(members[i], run2) === true !== isAll) decided = true;
    if (decided) return !isAll;
  }
  return isAll;
}
function traceRoot(cell, inner, run2) {
  run2.count = 0;
  run2.tracePrefix = "";
  return inner ? traceGroup(cell, run2) : traceCondition(cell, run2);
}
function takeRecords(run2) {
  const r = run2.records;
  switch (run2.count) {
    case 0:
      return [];
    case 1:
      return [r[0]];
    case 2:
      return [r[0], r[1]];
    case 3:
      return [r[0], r[1], r[2]];
    case 4:
      return [r[0], r[1], r[2], r[3]];
    default:
      return r.slice(0, run2.count);
  }
}

// src/engine/limits.ts
var RULE_LIMITS = Object.freeze({
  /** Levels of `all` / `any` / `not` in one rule's conditions, counted through named conditions (a reference is a level too). */
  maxNestingDepth: 64,
  /** Named conditions referring to named conditions, one inside the next (`a` uses `b`, which uses `c`, …). */
  maxReferenceChain: 16,
  /** Rules in one `compileRules` call, and rules (or checklist items) in one pack. */
  maxRules: 1e4,
  /** Leaf conditions in one rule's conditions, or in one named condition (a reference counts as one). */
  maxLeavesPerCondition: 1e5,
  /** Elements of the array value of an `in` / `notIn` condition. */
  maxListValues: 1e4,
  /** Nesting of arrays and objects anywhere in a pack (conditions, event params, threshold params). */
  maxDataDepth: 200,
  /** Problems listed in one `PaceError`; the message says when more were found. */
  maxIssues: 100
});

// src/engine/operand-slots.ts
var OperandSlots = class {
  /** Fact name → slot. */
  facts = /* @__PURE__ */ new Map();
  /** (fact slot, path) → slot. */
  paths = /* @__PURE__ */ new Map();
  next = 1;
  factSlot(fact) {
    let slot = this.facts.get(fact);
    if (slot === void 0) {
      slot = this.next++;
      this.facts.set(fact, slot);
    }
    return slot;
  }
  operand(fact, segments) {
    const factSlot = this.factSlot(fact);
    if (segments.length === 0) return { fact, slot: factSlot, factSlot, segments };
    const id = `${factSlot}\0${segments.join("\0")}`;
    let entry = this.paths.get(id);
    if (entry === void 0) {
      entry = { slot: this.next++, factSlot, segments };
      this.paths.set(id, entry);
    }
    return { fact, slot: entry.slot, factSlot, segments };
  }
  /** Slots used so far (the next free one). */
  get width() {
    return this.next;
  }
};

// src/engine/validate-conditions.ts
var BOOLEAN_KEYS = ["any", "all", "not", "condition"];
var UNKNOWN_OPERATOR_HELP = "(built-ins: equal, notEqual, in, notIn, contains, doesNotContain, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive; decorators someFact, someValue, everyFact, everyValue, swap, not; or supply it in options.operators)";
var isPriority = (value) => typeof value === "number" && Number.isInteger(value) && value >= 1;
var ConditionValidator = class {
  constructor(slots, operators, namedConditions) {
    this.slots = slots;
    this.operators = operators;
    this.namedConditions = namedConditions;
  }
  slots;
  operators;
  namedConditions;
  issues = [];
  /** Problems found beyond RULE_LIMITS.maxIssues (counted, not listed). */
  unlisted = 0;
  /** Named condition → its tree, or null when it is invalid. */
  named = /* @__PURE__ */ new Map();
  /** Named conditions being built, outermost first (to find cycles and long chains). */
  building = [];
  issue(code, path, message) {
    if (this.issues.length < RULE_LIMITS.maxIssues) this.issues.push({ code, path, message: `${message} (${code})` });
    else this.unlisted++;
  }
  /** A rule or condition priority: an integer >= 1, default 1 (a bad one is reported). */
  priority(node, path) {
    const value = node["priority"];
    if (!Object.hasOwn(node, "priority") || value === void 0) return 1;
    if (!isPriority(value)) {
      this.issue("invalid-rule", `${path}.priority`, `priority must be an integer >= 1, got ${describeValue(value)}`);
      return 1;
    }
    return value;
  }
  /** The root of a rule's conditions or of a named condition. */
  tree(raw, path, tracePath, label) {
    return this.node(raw, path, tracePath, { label, leaves: 0 }, true, 1);
  }
  /** The tree of a named condition (built on first use), or null when it is invalid. */
  namedCondition(name) {
    const known = this.named.get(name);
    if (known !== void 0) return known;
    const at = `options.conditions${pathStep(name)}`;
    this.building.push(name);
    const tree = this.tree(this.namedConditions[name], at, "", at) ?? null;
    this.building.pop();
    this.named.set(name, tree);
    return tree;
  }
  /** A node in a position where json-rules-engine's `evaluateCondition` runs it. */
  node(raw, path, tracePath, tree, root, depth) {
    if (depth > RULE_LIMITS.maxNestingDepth) {
      this.issue("invalid-rule", path, `conditions are nested deeper than ${RULE_LIMITS.maxNestingDepth} levels (RULE_LIMITS.maxNestingDepth)`);
      return void 0;
    }
    if (!isRecord(raw)) {
      this.issue("invalid-rule", path, `a condition must be an object, got ${Array.isArray(raw) ? "an array" : describeValue(raw)}`);
      return void 0;
    }
    const present = BOOLEAN_KEYS.filter((k) => Object.hasOwn(raw, k));
    if (present.length > 1) {
      this.issue("invalid-rule", path, `a condition must have exactly one of "all", "any", "not", "condition"; found ${present.join(", ")}`);
      return void 0;
    }
    if (present.length === 1 && (Object.hasOwn(raw, "fact") || Object.hasOwn(raw, "operator"))) {
      this.issue("invalid-rule", path, `"${present[0]}" cannot be combined with "fact" or "operator" in one condition`);
      return void 0;
    }
    if (root && present.length === 0) {
      this.issue("invalid-rule", path, '"conditions" root must contain a single instance of "all", "any", "not", or "condition"');
      return void 0;
    }
    const kind = present[0];
    if (kind === "all" || kind === "any") return this.group(kind, raw, path, tracePath, tree, depth);
    if (kind === "not") return this.not(raw, path, tracePath, tree, depth);
    if (kind === "condition") return this.reference(raw, path, tracePath, tree, depth);
    return this.leaf(raw, path, tracePath, tree);
  }
  group(kind, raw, path, tracePath, tree, depth) {
    const children = raw[kind];
    if (!Array.isArray(children)) {
      this.issue("invalid-rule", `${path}.${kind}`, `"${kind}" must be an array`);
      return void 0;
    }
    if (children.length > RULE_LIMITS.maxLeavesPerCondition) {
      this.issue("invalid-rule", `${path}.${kind}`, `"${kind}" has ${children.length} conditions; at most ${RULE_LIMITS.maxLeavesPerCondition} are accepted (RULE_LIMITS.maxLeavesPerCondition)`);
      return void 0;
    }
    const nodes = [];
    const byPriority = /* @__PURE__ */ new Map();
    let failed = false;
    let safe = true;
    let mask = 0;
    let height = 0;
    for (let i = 0; i < children.length && tree.leaves <= RULE_LIMITS.maxLeavesPerCondition; i++) {
      const child = children[i];
      const at = `${path}.${kind}[${i}]`;
      const node = this.node(child, at, `${tracePath}.${kind}[${i}]`, tree, false, depth + 1);
      const priority = isRecord(child) ? this.priority(child, at) : 1;
      if (node === void 0) {
        failed = true;
        continue;
      }
      nodes.push(node);
      const bucket = byPriority.get(priority);
      if (bucket === void 0) byPriority.set(priority, [node]);
      else bucket.push(node);
      safe &&= node.safe;
      mask |= node.mask;
      height = Math.max(height, node.height);
    }
    if (failed || tree.leaves > RULE_LIMITS.maxLeavesPerCondition) return void 0;
    const groups = [...byPriority.keys()].sort((a, b) => b - a).map((p) => byPriority.get(p));
    return { kind, children: nodes, groups, safe, mask, height: height + 1 };
  }
  not(raw, path, tracePath, tree, depth) {
    const child = raw["not"];
    if (Array.isArray(child)) {
      this.issue("invalid-rule", `${path}.not`, '"not" cannot be an array');
      return void 0;
    }
    if (isRecord(child)) this.priority(child, `${path}.not`);
    const inner = this.node(child, `${path}.not`, `${tracePath}.not`, tree, false, depth + 1);
    if (inner === void 0) return void 0;
    return { kind: "not", child: inner, safe: inner.safe, mask: inner.mask, height: inner.height + 1 };
  }
  reference(raw, path, tracePath, tree, depth) {
    const name = raw["condition"];
    if (typeof name !== "string") {
      this.issue("invalid-rule", `${path}.condition`, `a condition reference must name a condition (a string), got ${describeValue(name)}`);
      return void 0;
    }
    if (!Object.hasOwn(this.namedConditions, name)) {
      this.issue("unknown-condition", path, `rule ${tree.label} references condition "${name}", which is not among options.conditions`);
      return void 0;
    }
    if (this.building.includes(name)) {
      this.issue("invalid-rule", path, `condition reference cycle: ${[...this.building, name].join(" -> ")}`);
      return void 0;
    }
    if (this.building.length >= RULE_LIMITS.maxReferenceChain && !this.named.has(name)) {
      this.issue("invalid-rule", path, `named conditions refer to named conditions more than ${RULE_LIMITS.maxReferenceChain} deep (RULE_LIMITS.maxReferenceChain): ${[...this.building, name].join(" -> ")}`);
      return void 0;
    }
    tree.leaves++;
    const target = this.namedCondition(name);
    if (target === null) {
      if (this.issues.length === 0) this.issue("invalid-rule", path, `condition "${name}" is invalid`);
      return void 0;
    }
    if (depth + target.height > RULE_LIMITS.maxNestingDepth) {
      this.issue("invalid-rule", path, `through condition "${name}" the conditions nest deeper than ${RULE_LIMITS.maxNestingDepth} levels (RULE_LIMITS.maxNestingDepth)`);
      return void 0;
    }
    return { kind: "reference", name, tracePath, target, safe: target.safe, mask: target.mask, height: target.height + 1 };
  }
  /** A condition's `path` (or a fact reference's), parsed; undefined when it is refused. */
  factPath(raw, path, tree) {
    const text = raw["path"];
    if (!Object.hasOwn(raw, "path") || text === void 0 || text === "") return { segments: [], text: void 0 };
    if (typeof text !== "string") {
      this.issue("unsupported-path", `${path}.path`, `rule ${tree.label}: path must be a string, got ${describeValue(text)}`);
      return void 0;
    }
    const parsed = tryParsePath(text);
    if (!parsed.ok) {
      this.issue("unsupported-path", `${path}.path`, `rule ${tree.label}: ${parsed.message}`);
      return void 0;
    }
    return { segments: parsed.segments, text };
  }
  /** The right-hand side: a fact reference, a literal, or undefined when refused. */
  rightHandSide(raw, path, tree, listOperator) {
    const value = raw["value"];
    if (isRecord(value) && Object.hasOwn(value, "fact")) {
      const fact = value["fact"];
      const factPath = this.factPath(value, `${path}.value`, tree);
      if (typeof fact !== "string" || fact === "") {
        this.issue("invalid-rule", `${path}.value.fact`, `a fact reference must name a fact (a non-empty string), got ${describeValue(fact)}`);
        return void 0;
      }
      return factPath === void 0 ? void 0 : { right: this.slots.operand(fact, factPath.segments), literal: void 0 };
    }
    if (typeof value === "function" || isThenable(value)) {
      this.issue("invalid-rule", `${path}.value`, "a condition value must be data, not a function or a promise");
      return void 0;
    }
    if (listOperator === void 0) return { right: void 0, literal: value };
    if (!Array.isArray(value)) {
      this.issue("invalid-rule", `${path}.value`, `"${listOperator}" needs an array value (json-rules-engine would test a substring of a string, or throw on anything else), got ${describeValue(value)}`);
      return void 0;
    }
    if (value.length > RULE_LIMITS.maxListValues) {
      this.issue("invalid-rule", `${path}.value`, `"${listOperator}" lists ${value.length} values; at most ${RULE_LIMITS.maxListValues} are accepted (RULE_LIMITS.maxListValues)`);
      return void 0;
    }
    return { right: void 0, literal: Object.freeze(value.slice()) };
  }
  /** Whether a leaf has a non-empty string `fact`, a string `operator` and a `value` (each missing one is reported). */
  hasLeafFields(raw, path) {
    let ok = true;
    const fact = raw["fact"];
    if (!Object.hasOwn(raw, "fact")) {
      this.issue("invalid-rule", path, 'Condition: constructor "fact" property required');
      ok = false;
    } else if (typeof fact !== "string" || fact === "") {
      this.issue("invalid-rule", `${path}.fact`, `"fact" must be a non-empty string, got ${describeValue(fact)}`);
      ok = false;
    }
    const operator = raw["operator"];
    if (!Object.hasOwn(raw, "operator")) {
      this.issue("invalid-rule", path, 'Condition: constructor "operator" property required');
      ok = false;
    } else if (typeof operator !== "string") {
      this.issue("invalid-rule", `${path}.operator`, `"operator" must be a string, got ${describeValue(operator)}`);
      ok = false;
    }
    if (!Object.hasOwn(raw, "value")) {
      this.issue("invalid-rule", path, 'Condition: constructor "value" property required');
      ok = false;
    }
    return ok;
  }
  leaf(raw, path, tracePath, tree) {
    if (++tree.leaves > RULE_LIMITS.maxLeavesPerCondition) {
      if (tree.leaves === RULE_LIMITS.maxLeavesPerCondition + 1) {
        this.issue("invalid-rule", path, `${tree.label} has more than ${RULE_LIMITS.maxLeavesPerCondition} leaf conditions (RULE_LIMITS.maxLeavesPerCondition)`);
      }
      return void 0;
    }
    let ok = this.hasLeafFields(raw, path);
    const fact = raw["fact"];
    const operator = raw["operator"];
    const factPath = this.factPath(raw, path, tree);
    const resolved = typeof operator === "string" ? resolveOperator(operator, this.operators) : void 0;
    if (typeof operator === "string" && resolved === void 0) {
      this.issue("unknown-operator", `${path}.operator`, `rule ${tree.label}: unknown operator "${operator}" ${UNKNOWN_OPERATOR_HELP}`);
      ok = false;
    }
    const builtIn = resolved !== void 0 && resolved.decorators.length === 0 ? resolved.builtIn : void 0;
    const listOperator = builtIn === "in" || builtIn === "notIn" ? builtIn : void 0;
    const rightHandSide = ok || Object.hasOwn(raw, "value") ? this.rightHandSide(raw, path, tree, listOperator) : void 0;
    if (!ok || rightHandSide === void 0 || resolved === void 0 || factPath === void 0 || typeof fact !== "string" || typeof operator !== "string") return void 0;
    const { right, literal: literal2 } = rightHandSide;
    const left = this.slots.operand(fact, factPath.segments);
    const safe = builtIn === "equal" || builtIn === "notEqual" || builtIn === "contains" || builtIn === "doesNotContain" || listOperator !== void 0 && right === void 0;
    return {
      kind: "leaf",
      tracePath,
      sourcePath: path,
      left,
      factPath: factPath.text,
      operator,
      evaluate: resolved.evaluate,
      builtIn,
      right,
      value: literal2,
      safe,
      rawResult: resolved.builtIn === void 0,
      mask: bitOf(left.factSlot) | (right === void 0 ? 0 : bitOf(right.factSlot)),
      height: 1
    };
  }
};

// src/engine/validate-rules.ts
var MAX_PARAMS_DEPTH = 64;
function validateOptions(options, issues) {
  const add = (path, message) => {
    issues.push({ code: "invalid-input", path, message: `${message} (invalid-input)` });
  };
  if (!isRecord(options)) {
    add("options", "options must be an object");
    return;
  }
  if (hasDefined(options, "allowUndefinedFacts") && typeof options["allowUndefinedFacts"] !== "boolean") add("options.allowUndefinedFacts", "must be a boolean");
  if (hasDefined(options, "operators")) {
    const operators = options["operators"];
    if (!isRecord(operators)) add("options.operators", "must be an object of functions");
    else {
      for (const name of Object.keys(operators)) {
        if (typeof operators[name] !== "function") add(`options.operators${pathStep(name)}`, "Missing operator callback: must be a function");
        if (name === "") add("options.operators", "Missing operator name");
      }
    }
  }
  if (hasDefined(options, "conditions") && !isRecord(options["conditions"])) add("options.conditions", "must be an object of named conditions");
}
function ruleLabel(index, rule) {
  const name = rule["name"] ?? rule["id"];
  return typeof name === "string" || typeof name === "number" ? `$[${index}] (${JSON.stringify(name)})` : `$[${index}]`;
}
function validateEvent(raw, path, validator) {
  const event = raw["event"];
  if (!Object.hasOwn(raw, "event") || !isRecord(event)) {
    validator.issue("invalid-rule", `${path}.event`, 'a rule needs an "event" object');
    return void 0;
  }
  const type = event["type"];
  if (typeof type !== "string") {
    validator.issue("invalid-rule", `${path}.event.type`, `the event needs a string "type", got ${describeValue(type)}`);
    return void 0;
  }
  const params = event["params"];
  if (params === void 0 || params === null) return { type, params: void 0 };
  if (!isPlainObject(params) || !isJsonData(params, MAX_PARAMS_DEPTH)) {
    validator.issue("invalid-rule", `${path}.event.params`, `event params must be a plain object of JSON data, at most ${MAX_PARAMS_DEPTH} levels deep`);
    return void 0;
  }
  return { type, params: copyJson(params) };
}
function validateRule(raw, index, validator) {
  const path = `$[${index}]`;
  if (!isRecord(raw)) {
    validator.issue("invalid-rule", path, "a rule must be an object");
    return void 0;
  }
  const label = ruleLabel(index, raw);
  const priority = validator.priority(raw, path);
  const priorityOk = !hasDefined(raw, "priority") || priority === raw["priority"];
  const event = validateEvent(raw, path, validator);
  if (!Object.hasOwn(raw, "conditions")) {
    validator.issue("invalid-rule", `${path}.conditions`, 'a rule needs "conditions"');
    return void 0;
  }
  const conditions = raw["conditions"];
  const root = validator.tree(conditions, `${path}.conditions`, "conditions", label);
  if (root === void 0 || event === void 0 || !priorityOk) return void 0;
  const name = raw["name"] ?? raw["id"];
  return {
    index,
    label,
    name: typeof name === "string" || typeof name === "number" ? name : void 0,
    priority,
    root,
    // json-rules-engine's rule.evaluate calls all()/any()/not() on the root directly; a root
    // reference goes through realize → evaluateCondition, like any nested condition.
    rootIsInner: root.kind === "all" || root.kind === "any" || root.kind === "not",
    type: event.type,
    params: event.params
  };
}
function validateRules(rules, options) {
  if (!Array.isArray(rules)) {
    throw new PaceError("invalid-rule", "compileRules expects an array of rules", [{ path: "$", message: "expected an array of rules" }]);
  }
  if (rules.length > RULE_LIMITS.maxRules) {
    const message = `${rules.length} rules given; at most ${RULE_LIMITS.maxRules} are accepted (RULE_LIMITS.maxRules)`;
    throw new PaceError("invalid-rule", message, [{ path: "$", message }]);
  }
  const issues = [];
  validateOptions(options, issues);
  const record3 = isRecord(options) ? options : {};
  const operators = isRecord(record3["operators"]) ? record3["operators"] : {};
  const named = isRecord(record3["conditions"]) ? record3["conditions"] : {};
  const slots = new OperandSlots();
  const validator = new ConditionValidator(slots, operators, named);
  for (const name of Object.keys(named)) validator.namedCondition(name);
  const validated = [];
  for (let index = 0; index < rules.length; index++) {
    if (!Object.hasOwn(rules, index)) continue;
    const rule = validateRule(rules[index], index, validator);
    if (rule !== void 0) validated.push(rule);
  }
  issues.push(...validator.issues.slice(0, Math.max(0, RULE_LIMITS.maxIssues - issues.length)));
  if (issues.length > 0) {
    const codes = new Set(issues.map((i) => i.code));
    const code = codes.size === 1 ? issues[0].code : "invalid-rule";
    const total = issues.length + validator.unlisted;
    const summary = `compileRules refused ${total} problem${total === 1 ? "" : "s"}${total > issues.length ? ` (the first ${issues.length} are listed)` : ""}`;
    throw new PaceError(code, formatIssues(summary, issues), issues.map(({ path, message }) => ({ path, message })));
  }
  validated.sort((a, b) => b.priority - a.priority || a.index - b.index);
  return { rules: validated, slots };
}

// src/engine/compile-rules.ts
function isFactsObject(facts) {
  if (typeof facts !== "object" || facts === null) return false;
  try {
    return !Array.isArray(facts);
  } catch {
    return false;
  }
}
var makeEvent = (rule) => rule.params === void 0 ? { type: rule.type } : { type: rule.type, params: copyJson(rule.params) };
var RuleProgram = class {
  constructor(runnable, width, allowUndefinedFacts, factSlots, pathSlots) {
    this.runnable = runnable;
    this.width = width;
    this.allowUndefinedFacts = allowUndefinedFacts;
    this.factSlots = factSlots;
    this.pathSlots = pathSlots;
    this.absent = allowUndefinedFacts ? void 0 : MISSING;
  }
  runnable;
  width;
  allowUndefinedFacts;
  factSlots;
  pathSlots;
  /** Created on the first run (a pack's rules are compiled to be checked, and never run). */
  shared;
  sharedInUse = false;
  absent;
  /** The shared run state, or a fresh one for a run entered during another. */
  acquire(facts) {
    if (!isFactsObject(facts)) {
      throw new PaceError("invalid-input", "run(facts) expects an object of facts", [{ path: "$.facts", message: "expected an object of facts" }]);
    }
    if (this.sharedInUse) return new RunState(this.width);
    this.sharedInUse = true;
    return this.shared ??= new RunState(this.width);
  }
  release(run2) {
    run2.clear();
    if (run2 === this.shared) this.sharedInUse = false;
  }
  read(facts, run2, binding) {
    try {
      readFacts(facts, run2, binding, this.absent, !this.allowUndefinedFacts);
    } catch (error) {
      throw runFailure(error, void 0);
    }
  }
  run(facts, binding, trace) {
    const run2 = this.acquire(facts);
    try {
      this.read(facts, run2, binding);
      return trace ? this.evaluateTraced(run2) : this.evaluate(run2);
    } finally {
      this.release(run2);
    }
  }
  runInto(facts, binding, fired, steps, makeStep) {
    const run2 = this.acquire(facts);
    try {
      this.read(facts, run2, binding);
      if (steps === void 0) this.fireInto(run2, fired);
      else this.traceInto(run2, fired, steps, makeStep);
    } finally {
      this.release(run2);
    }
  }
  evaluate(run2) {
    const events = [];
    const fired = [];
    const runnable = this.runnable;
    let i = 0;
    try {
      for (; i < runnable.length; i++) {
        const r = runnable[i];
        if (evaluateRoot(r.root, r.inner, run2)) {
          events.push(makeEvent(r.rule));
          fired.push(r.rule.index);
        }
      }
    } catch (error) {
      throw runFailure(error, runnable[i]?.rule);
    }
    return { events, firedRuleIndexes: fired };
  }
  evaluateTraced(run2) {
    const events = [];
    const fired = [];
    const trace = [];
    const runnable = this.runnable;
    run2.records = [];
    let i = 0;
    try {
      for (; i < runnable.length; i++) {
        const { rule, root, inner } = runnable[i];
        const passed = Boolean(traceRoot(root, inner, run2));
        if (passed) {
          events.push(makeEvent(rule));
          fired.push(rule.index);
        }
        trace.push({ ruleIndex: rule.index, name: rule.name, priority: rule.priority, passed, conditions: takeRecords(run2) });
      }
    } catch (error) {
      throw runFailure(error, runnable[i]?.rule);
    }
    return { events, firedRuleIndexes: fired, trace };
  }
  /** The indexes of the rules that fire, pushed on `fired`. */
  fireInto(run2, fired) {
    const runnable = this.runnable;
    let i = 0;
    try {
      for (; i < runnable.length; i++) {
        const r = runnable[i];
        if (evaluateRoot(r.root, r.inner, run2)) fired.push(r.rule.index);
      }
    } catch (error) {
      throw runFailure(error, runnable[i]?.rule);
    }
  }
  /** Fired indexes and one step per rule in evaluation order, built by `makeStep` (no RuleTrace objects). */
  traceInto(run2, fired, steps, makeStep) {
    const runnable = this.runnable;
    run2.records = [];
    let i = 0;
    try {
      for (; i < runnable.length; i++) {
        const r = runnable[i];
        let conditions;
        let passed;
        if (r.onlyLeaf !== void 0) {
          run2.tracePrefix = "";
          conditions = [traceLeaf(r.onlyLeaf, run2)];
          passed = Boolean(run2.leafResult);
        } else {
          passed = Boolean(traceRoot(r.root, r.inner, run2));
          conditions = takeRecords(run2);
        }
        if (passed) fired.push(r.rule.index);
        steps.push(makeStep(r.rule.index, passed, conditions));
      }
    } catch (error) {
      throw runFailure(error, runnable[i]?.rule);
    }
  }
};
var internalRuns = /* @__PURE__ */ new WeakMap();
function publish(program2, binding) {
  const compiled = Object.freeze({
    size: program2.runnable.length,
    run: (facts, options) => program2.run(facts, binding, isRecord(options) && options.trace === true),
    withConstantFacts: (constants) => publish(program2, bindConstantFacts(binding, program2.factSlots, program2.pathSlots, constants))
  });
  internalRuns.set(compiled, (facts, fired, steps, makeStep) => program2.runInto(facts, binding, fired, steps, makeStep));
  return compiled;
}
function readRules(rules, options) {
  try {
    return validateRules(rules, options);
  } catch (error) {
    if (isPaceError(error)) throw error;
    let reason = "an exception was thrown";
    try {
      if (error instanceof Error) reason = String(error.message);
    } catch {
    }
    throw new PaceError("invalid-rule", `compileRules could not read the rules: ${reason}`, [{ path: "$", message: `reading the rules threw: ${reason}` }], { cause: error });
  }
}
function compileRules(rules, options = {}) {
  const validated = readRules(rules, options);
  const { runnable, width } = lowerRules(validated.rules, validated.slots.width);
  const allowUndefinedFacts = isRecord(options) && options.allowUndefinedFacts === true;
  const facts = validated.slots.facts;
  const program2 = new RuleProgram(runnable, width, allowUndefinedFacts, facts, [...validated.slots.paths.values()]);
  return publish(program2, bindFacts(facts));
}
function runCompiledInto(compiled, facts, fired, steps, makeStep) {
  const run2 = internalRuns.get(compiled);
  if (run2 === void 0) throw new PaceError("invalid-input", "runCompiledInto expects rules compiled by compileRules", [{ path: "$", message: "not compiled by compileRules" }]);
  run2(facts, fired, steps, makeStep);
}

// src/model/rules-pack.ts
import * as z4 from "zod/mini";

// src/model/member.ts
import * as z2 from "zod/mini";

// src/model/primitives.ts
import * as z from "zod/mini";

// src/dates/calendar-date.ts
import { addDays as dfAddDays, differenceInCalendarDays, isValid } from "date-fns";
var DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
function toLocalNoon(date) {
  const m = DATE_PATTERN.exec(date);
  if (!m) return void 0;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const d = new Date(year, month - 1, day, 12);
  if (year < 1e3) d.setFullYear(year);
  if (!isValid(d) || d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day) return void 0;
  return d;
}
function fromLocal(d) {
  const y = String(d.getFullYear()).padStart(4, "0");
  const m = String(d.getMonth() + 1).padStart(2, "0");
  const day = String(d.getDate()).padStart(2, "0");
  return `${y}-${m}-${day}`;
}
function isCalendarDate(value) {
  return typeof value === "string" && (isPlainDateText(value) || isCalendarDateByDate(value));
}
function isCalendarDateByDate(value) {
  return toLocalNoon(value) !== void 0;
}
function digitFields(date) {
  if (date.length !== 10) return -1;
  const y0 = date.charCodeAt(0) - 48;
  const y1 = date.charCodeAt(1) - 48;
  const y2 = date.charCodeAt(2) - 48;
  const y3 = date.charCodeAt(3) - 48;
  const m0 = date.charCodeAt(5) - 48;
  const m1 = date.charCodeAt(6) - 48;
  const d0 = date.charCodeAt(8) - 48;
  const d1 = date.charCodeAt(9) - 48;
  const digits = y0 >>> 0 <= 9 && y1 >>> 0 <= 9 && y2 >>> 0 <= 9 && y3 >>> 0 <= 9 && m0 >>> 0 <= 9 && m1 >>> 0 <= 9 && d0 >>> 0 <= 9 && d1 >>> 0 <= 9;
  if (!digits) return -1;
  return (y0 * 1e3 + y1 * 100 + y2 * 10 + y3) * 1e4 + (m0 * 10 + m1) * 100 + d0 * 10 + d1;
}
function isPlainDateText(v) {
  const f = digitFields(v);
  if (f < 1e7 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  const y = Math.floor(f / 1e4);
  const m = Math.floor(f / 100) % 100;
  const d = f % 100;
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = m === 2 ? leap ? 29 : 28 : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}
function parseCalendarDate(value, path = "$") {
  if (!isCalendarDate(value)) {
    const got = typeof value === "string" ? JSON.stringify(value) : value === null ? "null" : typeof value;
    throw new PaceError("invalid-date", `${path}: expected a real calendar date as YYYY-MM-DD, got ${got}`, [{ path, message: `expected a real calendar date as YYYY-MM-DD, got ${got}` }]);
  }
  return value;
}
function addDays(date, days) {
  const d = toLocalNoon(parseCalendarDate(date));
  return fromLocal(dfAddDays(d, days));
}
function toDayNumber(date) {
  const f = digitFields(date);
  let y = Math.floor(f / 1e4);
  const m = Math.floor(f / 100) % 100;
  const d = f % 100;
  if (f < 0 || m < 1 || m > 12 || y < 100) return toDayNumberByDate(date);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
function toDayNumberByDate(date) {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / 864e5);
}

// src/model/fast-parse.ts
var REFUSED = /* @__PURE__ */ Symbol("refused");
var predicates = /* @__PURE__ */ new WeakMap();
var parsers = /* @__PURE__ */ new WeakMap();
var fastChecked = [];
function fastCheck(schema, predicate) {
  predicates.set(schema, predicate);
  fastChecked.push({ schema, predicate });
  return schema;
}
var defOf = (schema) => schema._zod.def;
function checksOf(def) {
  const checks = def["checks"] ?? [];
  const out = [];
  for (const c of checks) {
    const d = c._zod.def;
    if (d["when"] !== void 0 && d.check !== "min_length" && d.check !== "max_length") return void 0;
    out.push(d);
  }
  return out;
}
function passes(checks, value) {
  for (const c of checks) {
    switch (c.check) {
      case "min_length":
        if (value.length < c["minimum"]) return false;
        break;
      case "max_length":
        if (value.length > c["maximum"]) return false;
        break;
      case "string_format":
        if (c["format"] !== "regex" || !c["pattern"].test(value)) return false;
        break;
      case "greater_than":
        if (c["inclusive"] ? value < c["value"] : value <= c["value"]) return false;
        break;
      case "less_than":
        if (c["inclusive"] ? value > c["value"] : value >= c["value"]) return false;
        break;
      case "custom":
        if (c["fn"](value) !== true) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
var refuseAll = () => REFUSED;
var identity = (value) => value;
function isPlainRecord(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
function objectParser(def) {
  const shape = def["shape"];
  const catchall = def["catchall"];
  if (catchall === void 0 || defOf(catchall).type !== "never") return refuseAll;
  const keys = Object.keys(shape);
  const fields = keys.map((k) => fastParser(shape[k]));
  const required = keys.map((k) => !["optional", "undefined"].includes(defOf(shape[k]).type));
  const requiredCount = required.filter(Boolean).length;
  return (value) => {
    if (!isPlainRecord(value)) return REFUSED;
    const out = { ...value };
    let requiredSeen = 0;
    for (const k in out) {
      let i = 0;
      while (i < keys.length && keys[i] !== k) i++;
      if (i === keys.length) return REFUSED;
      const field = out[k];
      const parsed = fields[i](field);
      if (parsed === REFUSED) return REFUSED;
      if (parsed !== field) out[k] = parsed;
      if (required[i]) requiredSeen++;
    }
    return requiredSeen === requiredCount ? out : REFUSED;
  };
}
function build(schema) {
  const predicate = predicates.get(schema);
  if (predicate) return (value) => predicate(value) ? value : REFUSED;
  const def = defOf(schema);
  const base = buildBase(def);
  if (def["checks"] === void 0 || ["string", "number", "array"].includes(def.type)) return base;
  const checks = checksOf(def);
  if (!checks || checks.some((c) => c.check !== "custom")) return refuseAll;
  return (value) => {
    const parsed = base(value);
    return parsed !== REFUSED && passes(checks, parsed) ? parsed : REFUSED;
  };
}
function buildBase(def) {
  switch (def.type) {
    case "object":
      return objectParser(def);
    case "optional": {
      const inner = fastParser(def["innerType"]);
      return (value) => value === void 0 ? void 0 : inner(value);
    }
    case "string": {
      const checks = checksOf(def);
      if (!checks) return refuseAll;
      return (value) => typeof value === "string" && passes(checks, value) ? value : REFUSED;
    }
    case "number": {
      const checks = checksOf(def);
      if (!checks) return refuseAll;
      return (value) => typeof value === "number" && Number.isFinite(value) && passes(checks, value) ? value : REFUSED;
    }
    case "boolean":
      return (value) => typeof value === "boolean" ? value : REFUSED;
    case "null":
      return (value) => value === null ? value : REFUSED;
    case "unknown":
    case "any":
      return identity;
    case "literal": {
      const values = def["values"];
      return (value) => values.includes(value) ? value : REFUSED;
    }
    case "enum": {
      const options = Object.values(def["entries"]);
      return (value) => {
        for (let i = 0; i < options.length; i++) if (options[i] === value) return value;
        return REFUSED;
      };
    }
    case "array": {
      const checks = checksOf(def);
      if (!checks) return refuseAll;
      const element = fastParser(def["element"]);
      return (value) => {
        if (!Array.isArray(value) || !passes(checks, value)) return REFUSED;
        const out = [];
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) return REFUSED;
          const parsed = element(value[i]);
          if (parsed === REFUSED) return REFUSED;
          out.push(parsed);
        }
        return out;
      };
    }
    case "union": {
      const options = def["options"].map(fastParser);
      return (value) => {
        for (const option of options) {
          const parsed = option(value);
          if (parsed !== REFUSED) return parsed;
        }
        return REFUSED;
      };
    }
    case "record": {
      if (defOf(def["keyType"]).type !== "string" || !["unknown", "any"].includes(defOf(def["valueType"]).type)) return refuseAll;
      return (value) => {
        if (!isPlainRecord(value)) return REFUSED;
        const out = {};
        for (const key of Object.keys(value)) {
          if (key === "__proto__") return REFUSED;
          out[key] = value[key];
        }
        return out;
      };
    }
    default:
      return refuseAll;
  }
}
function fastParser(schema) {
  let parser = parsers.get(schema);
  if (!parser) {
    let built;
    parsers.set(schema, (value) => built(value));
    built = build(schema);
    parser = built;
    parsers.set(schema, parser);
  }
  return parser;
}
function inputParser(schema) {
  const parse = fastParser(schema);
  return (value) => {
    try {
      return parse(value);
    } catch {
      return REFUSED;
    }
  };
}

// src/model/primitives.ts
var isDigit = (c) => c >= 48 && c <= 57;
var MONEY_MAX_INTEGER_DIGITS = 13;
function isMoneyText(text, signed) {
  const n2 = text.length;
  let i = signed && text.charCodeAt(0) === 45 ? 1 : 0;
  if (i >= n2) return false;
  const start = i;
  const first = text.charCodeAt(i++);
  if (first !== 48) {
    if (!isDigit(first)) return false;
    while (i < n2 && isDigit(text.charCodeAt(i))) i++;
    if (i - start > MONEY_MAX_INTEGER_DIGITS) return false;
  }
  if (i === n2) return true;
  if (text.charCodeAt(i++) !== 46) return false;
  const decimals = n2 - i;
  if (decimals < 1 || decimals > 2) return false;
  for (; i < n2; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}
function isStateCode(v) {
  if (typeof v !== "string" || v.length !== 2) return false;
  const a = v.charCodeAt(0);
  const b = v.charCodeAt(1);
  return a >= 65 && a <= 90 && b >= 65 && b <= 90;
}
var MONEY_STRING = /^-?(?:0|[1-9]\d{0,12})(?:\.\d{1,2})?$/;
var DECIMAL_STRING = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;
function isSafeMoneyNumber(n2) {
  if (!Number.isFinite(n2) || Math.abs(n2) >= 1e13) return false;
  if (Number.isInteger(n2)) return true;
  return MONEY_STRING.test(String(n2));
}
function isSafeQuantityNumber(n2) {
  return Number.isFinite(n2) && n2 >= 0 && (Number.isInteger(n2) ? Number.isSafeInteger(n2) : DECIMAL_STRING.test(String(n2)));
}
var isMoneyValue = (v) => typeof v === "string" ? isMoneyText(v, true) : typeof v === "number" && isSafeMoneyNumber(v);
var MoneySchema = fastCheck(
  z.union([
    z.string().check(z.regex(MONEY_STRING, 'expected a decimal string with at most two decimals and 13 digits before the point, such as "1234.50"')),
    z.number().check(z.refine(isSafeMoneyNumber, "expected a finite amount with at most two decimals; pass large or precise values as decimal strings"))
  ]),
  isMoneyValue
);
var isNonNegative = (v) => !String(v).startsWith("-");
var NonNegativeMoneySchema = fastCheck(
  MoneySchema.check(z.refine(isNonNegative, "expected an amount of zero or more")),
  (v) => isMoneyValue(v) && isNonNegative(v)
);
var CalendarDateSchema = fastCheck(
  z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")).check(z.refine(isCalendarDate, "not a real calendar date")),
  isCalendarDate
);
var QuantitySchema = z.union([
  z.string().check(z.regex(DECIMAL_STRING, 'expected a non-negative decimal string such as "12" or "7.5"')),
  z.number().check(z.refine(isSafeQuantityNumber, "expected a finite, non-negative quantity; pass precise values as decimal strings"))
]);
var PercentSchema = z.string().check(z.regex(DECIMAL_STRING, 'expected a percentage as a decimal string such as "12.5"')).check(z.refine((s) => Number(s) <= 100, "a percentage cannot exceed 100"));
var IdSchema = fastCheck(z.string().check(z.minLength(1, "expected a non-empty id")), (v) => typeof v === "string" && v.length > 0);
var StateCodeSchema = fastCheck(z.string().check(z.regex(/^[A-Z]{2}$/, 'expected a two-letter state code such as "CA"')), isStateCode);
var MetaSchema = z.record(z.string(), z.unknown());

// src/model/member.ts
var MemberKindSchema = z2.enum([
  "school-district",
  "county-office",
  "charter-school",
  "community-college-district",
  "joint-powers-authority",
  "other-public-agency"
]);
var MembershipStatusSchema = z2.enum(["active", "pending", "suspended", "withdrawn"]);
var MembershipSchema = z2.strictObject({
  programId: IdSchema,
  status: MembershipStatusSchema,
  since: CalendarDateSchema,
  until: z2.optional(CalendarDateSchema),
  feesPaidThrough: z2.optional(CalendarDateSchema)
});
var BoardAuthorizationSchema = z2.strictObject({
  id: IdSchema,
  adoptedOn: CalendarDateSchema,
  expiresOn: z2.optional(CalendarDateSchema),
  scope: z2.strictObject({
    programIds: z2.optional(z2.array(IdSchema)),
    contractIds: z2.optional(z2.array(IdSchema)),
    categories: z2.optional(z2.array(IdSchema))
  }),
  /** A resolution number or minute reference, for the audit file. */
  ref: z2.optional(z2.string())
});
var MemberSchema = z2.strictObject({
  id: IdSchema,
  name: z2.string().check(z2.minLength(1)),
  kind: MemberKindSchema,
  districtType: z2.optional(z2.enum(["elementary", "high-school", "unified"])),
  state: StateCodeSchema,
  averageDailyAttendance: z2.optional(z2.number().check(z2.nonnegative())),
  membership: z2.optional(MembershipSchema),
  boardAuthorizations: z2.optional(z2.array(BoardAuthorizationSchema)),
  /** The PCC §22030 election to follow CUPCCAA, and the date it took effect. */
  cupccaa: z2.optional(z2.strictObject({ optedIn: z2.boolean(), since: z2.optional(CalendarDateSchema) })),
  /** A micro-purchase threshold self-certified under 2 CFR 200.320(a)(1)(iv). */
  federalMicroPurchaseThreshold: z2.optional(z2.strictObject({ amount: MoneySchema, selfCertifiedOn: CalendarDateSchema })),
  meta: z2.optional(MetaSchema)
});

// src/model/purchase.ts
import * as z3 from "zod/mini";
var PurchaseSupplyKindSchema = z3.enum(["goods", "services", "public-works", "professional-services"]);
var FundingSchema = z3.strictObject({
  source: z3.enum(["federal", "state", "local"]),
  /** e.g. "Title I", "ESSER", "E-Rate". */
  program: z3.optional(z3.string()),
  amount: MoneySchema
});
var DocumentSchema = z3.strictObject({
  /** The checklist item id this document satisfies, e.g. "board-authorization". */
  kind: z3.string().check(z3.minLength(1)),
  ref: z3.optional(z3.string()),
  date: z3.optional(CalendarDateSchema)
});
var PurchaseSchema = z3.strictObject({
  id: IdSchema,
  memberId: IdSchema,
  /** The PO date. */
  date: CalendarDateSchema,
  /** Total before tax. */
  amount: NonNegativeMoneySchema,
  supplyKind: PurchaseSupplyKindSchema,
  category: z3.optional(IdSchema),
  contractId: z3.optional(IdSchema),
  vendorId: z3.optional(IdSchema),
  description: z3.optional(z3.string()),
  funding: z3.optional(z3.array(FundingSchema)),
  emergency: z3.optional(z3.boolean()),
  documents: z3.optional(z3.array(DocumentSchema)),
  meta: z3.optional(MetaSchema)
});

// src/model/rules-pack.ts
var ConfidenceSchema = z4.enum(["high", "medium", "low", "unknown"]);
var PackSourceSchema = z4.strictObject({
  id: IdSchema,
  title: z4.string().check(z4.minLength(1)),
  url: z4.optional(z4.string()),
  date: z4.optional(CalendarDateSchema),
  note: z4.optional(z4.string())
});
var ConditionsSchema = z4.looseObject({});
var ProcurementMethodSchema = z4.enum(["none", "quotes", "informal-bid", "formal-bid"]);
var ThresholdAppliesToSchema = z4.strictObject({
  /** Member kinds bound by it (e.g. school districts and county offices for PCC § 20111). */
  memberKinds: z4.optional(z4.array(MemberKindSchema)),
  /** Member ids bound by it (a district's own policy pack). */
  memberIds: z4.optional(z4.array(IdSchema)),
  /** Purchase supply kinds it covers. */
  supplyKinds: z4.optional(z4.array(PurchaseSupplyKindSchema)),
  /** `true`: only members that elected CUPCCAA (in force on the purchase date); `false`: only those that did not. */
  cupccaa: z4.optional(z4.boolean()),
  /** `true`: only purchases with federal money. */
  federalFunds: z4.optional(z4.boolean())
});
var ThresholdSchema = z4.strictObject({
  id: IdSchema,
  /** Periods of the same limit share a series; a series' periods may neither overlap nor leave gaps. */
  series: IdSchema,
  title: z4.optional(z4.string()),
  /** The boundary; `null` when the figure for the period is not known (confidence `unknown`). */
  amount: z4.union([MoneySchema, z4.null()]),
  /**
   * `'>'`: the rule applies when the amount is more than the limit; `'>='`: at or above it;
   * `'<='`: the band covers amounts at or below it (so it is exceeded above it).
   */
  comparison: z4.enum([">", ">=", "<="]),
  effectiveFrom: CalendarDateSchema,
  effectiveTo: z4.optional(CalendarDateSchema),
  citation: z4.string().check(z4.minLength(1)),
  confidence: ConfidenceSchema,
  sources: z4.optional(z4.array(IdSchema)),
  note: z4.optional(z4.string()),
  /** Threshold-specific parameters read by the capability that uses the series. */
  params: z4.optional(z4.record(z4.string(), z4.unknown())),
  /**
   * Which body of rules the limit belongs to, for `procurementMethod`: the strictest of the state,
   * federal and local requirements wins. A threshold without `level` and `method` is reference
   * data (e.g. a ceiling) that no method is derived from.
   */
  level: z4.optional(z4.enum(["state", "federal", "local"])),
  /** The method required once the limit is exceeded. */
  method: z4.optional(ProcurementMethodSchema),
  /**
   * What the threshold is: `limit` (the default: a band boundary with a method) or
   * `self-certification-ceiling` (the most a member may self-certify as its micro-purchase threshold).
   */
  role: z4.optional(z4.enum(["limit", "micro-purchase", "self-certification-ceiling"])),
  /** Whom it binds (absent: everyone at its level). */
  appliesTo: z4.optional(ThresholdAppliesToSchema),
  /** Set on a later pack's entry that deliberately replaces an earlier pack's entry of the same id. */
  replace: z4.optional(z4.boolean())
});
var PackRuleSchema = z4.strictObject({
  id: IdSchema,
  /** Which capability runs the rule. */
  capability: z4.enum(["eligibility", "procurement", "audit"]),
  description: z4.optional(z4.string()),
  citation: z4.optional(z4.string()),
  confidence: z4.optional(ConfidenceSchema),
  sources: z4.optional(z4.array(IdSchema)),
  priority: z4.optional(z4.int().check(z4.minimum(1))),
  conditions: ConditionsSchema,
  event: z4.strictObject({ type: z4.string().check(z4.minLength(1)), params: z4.optional(z4.record(z4.string(), z4.unknown())) }),
  replace: z4.optional(z4.boolean())
});
var ChecklistItemSchema = z4.strictObject({
  id: IdSchema,
  title: z4.string().check(z4.minLength(1)),
  citation: z4.string().check(z4.minLength(1)),
  description: z4.optional(z4.string()),
  confidence: z4.optional(ConfidenceSchema),
  sources: z4.optional(z4.array(IdSchema)),
  /** The item is required when these conditions hold. */
  requiredWhen: ConditionsSchema,
  /**
   * A derived boolean fact that decides the item from the data itself (e.g. `contract.inForce` on
   * the PO date): when given, the data wins over `purchase.documents`, and a document that
   * contradicts it is a finding.
   */
  decidedBy: z4.optional(z4.strictObject({ fact: z4.string().check(z4.minLength(1)), path: z4.string().check(z4.minLength(1)) })),
  replace: z4.optional(z4.boolean())
});
var ProgramSchema = z4.strictObject({
  id: IdSchema,
  name: z4.string().check(z4.minLength(1)),
  description: z4.optional(z4.string()),
  categories: z4.array(z4.strictObject({ id: IdSchema, name: z4.string().check(z4.minLength(1)), description: z4.optional(z4.string()) })),
  eligibleMemberKinds: z4.array(MemberKindSchema),
  eligibleStates: z4.array(StateCodeSchema),
  /** Whether members must have paid program fees through the purchase date. */
  feesRequired: z4.boolean(),
  /** Member kinds whose board must authorize use of the program's contracts. */
  boardAuthorizationRequiredFor: z4.array(MemberKindSchema),
  params: z4.optional(z4.record(z4.string(), z4.unknown()))
});
var RulesPackSchema = z4.strictObject({
  $schema: z4.optional(z4.string()),
  id: z4.string().check(z4.regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case slug such as "california-law"')),
  version: z4.string().check(z4.regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'expected a semantic version such as "1.0.0"')),
  title: z4.string().check(z4.minLength(1)),
  description: z4.optional(z4.string()),
  kind: z4.enum(["law", "program", "policy"]),
  sources: z4.optional(z4.array(PackSourceSchema)),
  programs: z4.optional(z4.array(ProgramSchema)),
  thresholds: z4.optional(z4.array(ThresholdSchema)),
  rules: z4.optional(z4.array(PackRuleSchema)),
  checklist: z4.optional(z4.array(ChecklistItemSchema))
});

// src/model/parse.ts
import * as z5 from "zod/mini";
var IDENTIFIER2 = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
function toJsonPath(segments, root = "$") {
  let out = root;
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (typeof s === "string" && IDENTIFIER2.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}
var DEFAULT_MESSAGE = "Invalid input";
function describeValue2(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value.length > 40 ? "a string" : JSON.stringify(value);
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (value === void 0) return "nothing";
  return typeof value === "object" ? "an object" : typeof value;
}
function messageOf2(issue, input) {
  if (issue.message && issue.message !== DEFAULT_MESSAGE) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return issue.path.length > 0 && input === void 0 ? `required: expected ${issue.expected}` : `expected ${issue.expected}, got ${describeValue2(input)}`;
    case "invalid_value":
      return issue.values.length === 1 ? `expected ${JSON.stringify(issue.values[0])}, got ${describeValue2(input)}` : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue2(input)}`;
    case "too_small":
      return issue.origin === "array" ? `expected at least ${String(issue.minimum)} item(s)` : issue.origin === "string" ? `expected at least ${String(issue.minimum)} character(s)` : `expected ${issue.inclusive ? "at least" : "more than"} ${String(issue.minimum)}`;
    case "too_big":
      return issue.origin === "array" ? `expected at most ${String(issue.maximum)} item(s)` : issue.origin === "string" ? `expected at most ${String(issue.maximum)} character(s)` : `expected ${issue.inclusive ? "at most" : "less than"} ${String(issue.maximum)}`;
    case "invalid_format":
      return `expected a value in the ${issue.format} format, got ${describeValue2(input)}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")} (check the spelling; put your own data under "meta")`;
    case "invalid_union": {
      const discriminator = issue.discriminator;
      return discriminator ? `expected a known "${discriminator}"` : `does not match any allowed form, got ${describeValue2(input)}`;
    }
    default:
      return `invalid value (${issue.code})`;
  }
}
function valueAt(root, path) {
  let current = root;
  try {
    for (const key of path) {
      if (current === null || typeof current !== "object") return void 0;
      current = current[key];
    }
  } catch {
    return void 0;
  }
  return current;
}
function zodIssues(error, root, input) {
  const out = [];
  const visit = (issues, prefix) => {
    for (const issue of issues) {
      const path = [...prefix, ...issue.path];
      if (issue.code === "invalid_union" && issue.errors.length > 0) {
        const best = issue.errors.reduce((a, b) => deepest(b) > deepest(a) ? b : a);
        if (deepest(best) > 0) {
          visit(best, path);
          continue;
        }
      }
      const message = messageOf2(issue, issue.code === "unrecognized_keys" ? void 0 : valueAt(input, path));
      out.push({ path: toJsonPath(path, root), message });
    }
  };
  visit(error.issues, []);
  return out;
}
function deepest(issues) {
  return issues.reduce((max, i) => Math.max(max, i.path.length), 0);
}
function parseWith(schema, value, root, what, code = "invalid-input") {
  let result;
  try {
    result = z5.safeParse(schema, value);
  } catch (error) {
    const message = `could not be read (${error instanceof Error ? error.name : "a thrown value"} while reading it); pass plain data`;
    throw new PaceError(code, `Invalid ${what}: ${root}: ${message}`, [{ path: root, message }]);
  }
  if (result.success) return result.data;
  const issues = zodIssues(result.error, root, value);
  if (issues.length === 0) issues.push({ path: root, message: `not a valid ${what}` });
  throw new PaceError(code, formatIssues(`Invalid ${what}`, issues), issues);
}

// src/money/decimal.ts
import { Decimal } from "decimal.js";
var Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
var ROUND_HALF_UP = Decimal.ROUND_HALF_UP;
var ROUND_HALF_EVEN = Decimal.ROUND_HALF_EVEN;
var ROUND_DOWN = Decimal.ROUND_DOWN;

// src/money/money.ts
var CURRENCY_SCALE = 2;
var DECIMAL_PATTERN = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
function describe(value) {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return String(value);
  return value === null ? "null" : typeof value;
}
function parseDecimal(value, path = "$", maxDecimals = CURRENCY_SCALE, code = "invalid-money") {
  let text;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new PaceError(code, `${path}: expected a finite amount, got ${describe(value)}`, [{ path, message: `expected a finite amount, got ${describe(value)}` }]);
    if (!Number.isSafeInteger(value) && Number.isInteger(value)) {
      throw new PaceError(code, `${path}: ${value} is beyond the safe integer range; pass it as a decimal string`, [{ path, message: "integer beyond the safe range; pass a decimal string" }]);
    }
    text = String(value);
    if (/e/i.test(text)) throw new PaceError(code, `${path}: ${text} cannot be represented exactly; pass it as a decimal string`, [{ path, message: "number in exponent notation; pass a decimal string" }]);
  } else if (typeof value === "string") {
    text = value;
  } else {
    throw new PaceError(code, `${path}: expected a decimal string such as "1234.50", got ${describe(value)}`, [{ path, message: `expected a decimal string such as "1234.50", got ${describe(value)}` }]);
  }
  if (!DECIMAL_PATTERN.test(text)) {
    throw new PaceError(code, `${path}: expected a plain decimal such as "1234.50", got ${describe(value)}`, [{ path, message: `expected a plain decimal such as "1234.50", got ${describe(value)}` }]);
  }
  const dot = text.indexOf(".");
  if (dot >= 0 && text.length - dot - 1 > maxDecimals) {
    throw new PaceError(code, `${path}: ${describe(value)} has more than ${maxDecimals} decimal places`, [{ path, message: `at most ${maxDecimals} decimal places allowed` }]);
  }
  return new Dec(text);
}
function parseMoney(value, path = "$") {
  return parseDecimal(value, path, CURRENCY_SCALE, "invalid-money");
}
function formatMoney(value) {
  const text = value.toFixed(CURRENCY_SCALE);
  return text === "-0.00" ? "0.00" : text;
}

// src/packs/sha256.ts
var K = new Uint32Array([
  1116352408,
  1899447441,
  3049323471,
  3921009573,
  961987163,
  1508970993,
  2453635748,
  2870763221,
  3624381080,
  310598401,
  607225278,
  1426881987,
  1925078388,
  2162078206,
  2614888103,
  3248222580,
  3835390401,
  4022224774,
  264347078,
  604807628,
  770255983,
  1249150122,
  1555081692,
  1996064986,
  2554220882,
  2821834349,
  2952996808,
  3210313671,
  3336571891,
  3584528711,
  113926993,
  338241895,
  666307205,
  773529912,
  1294757372,
  1396182291,
  1695183700,
  1986661051,
  2177026350,
  2456956037,
  2730485921,
  2820302411,
  3259730800,
  3345764771,
  3516065817,
  3600352804,
  4094571909,
  275423344,
  430227734,
  506948616,
  659060556,
  883997877,
  958139571,
  1322822218,
  1537002063,
  1747873779,
  1955562222,
  2024104815,
  2227730452,
  2361852424,
  2428436474,
  2756734187,
  3204031479,
  3329325298
]);
function sha256Hex(text) {
  const bytes = new TextEncoder().encode(text);
  const bitLength = bytes.length * 8;
  const padded = new Uint8Array(bytes.length + 9 + 63 >> 6 << 6);
  padded.set(bytes);
  padded[bytes.length] = 128;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 4294967296));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  const h = new Uint32Array([1779033703, 3144134277, 1013904242, 2773480762, 1359893119, 2600822924, 528734635, 1541459225]);
  const w = new Uint32Array(64);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const a2 = w[i - 15];
      const b2 = w[i - 2];
      const s0 = (a2 >>> 7 | a2 << 25) ^ (a2 >>> 18 | a2 << 14) ^ a2 >>> 3;
      const s1 = (b2 >>> 17 | b2 << 15) ^ (b2 >>> 19 | b2 << 13) ^ b2 >>> 10;
      w[i] = w[i - 16] + s0 + w[i - 7] + s1 >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = [h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]];
    for (let i = 0; i < 64; i++) {
      const S1 = (e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7);
      const ch = e & f ^ ~e & g;
      const t1 = hh + S1 + ch + K[i] + w[i] >>> 0;
      const S0 = (a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10);
      const maj = a & b ^ a & c ^ b & c;
      const t2 = S0 + maj >>> 0;
      hh = g;
      g = f;
      f = e;
      e = d + t1 >>> 0;
      d = c;
      c = b;
      b = a;
      a = t1 + t2 >>> 0;
    }
    h[0] = h[0] + a >>> 0;
    h[1] = h[1] + b >>> 0;
    h[2] = h[2] + c >>> 0;
    h[3] = h[3] + d >>> 0;
    h[4] = h[4] + e >>> 0;
    h[5] = h[5] + f >>> 0;
    h[6] = h[6] + g >>> 0;
    h[7] = h[7] + hh >>> 0;
  }
  return Array.from(h, (x) => x.toString(16).padStart(8, "0")).join("");
}
function canonicalJson(value) {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => v === void 0 ? "null" : canonicalJson(v)).join(",")}]`;
  const entries = Object.keys(value).filter((k) => value[k] !== void 0).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`);
  return `{${entries.join(",")}}`;
}

// src/model/contract.ts
import * as z7 from "zod/mini";

// src/model/price-schedule.ts
import * as z6 from "zod/mini";
var TierSchema = z6.strictObject({
  /** Inclusive upper quantity bound; `null` for the open top tier. */
  upTo: z6.union([QuantitySchema, z6.null()]),
  unitPrice: MoneySchema,
  /** Added once when the tier is reached (graduated) or used (volume). */
  flatFee: z6.optional(MoneySchema)
});
var PriceRuleSchema = z6.discriminatedUnion("kind", [
  z6.strictObject({ kind: z6.literal("fixed"), unitPrice: MoneySchema }),
  z6.strictObject({ kind: z6.literal("discount"), percentOffList: PercentSchema }),
  z6.strictObject({ kind: z6.literal("tiered"), mode: z6.enum(["volume", "graduated"]), tiers: z6.array(TierSchema).check(z6.minLength(1)) })
]);
var PriceScheduleItemSchema = z6.strictObject({
  sku: IdSchema,
  description: z6.string(),
  unit: z6.optional(z6.string()),
  listPrice: z6.optional(MoneySchema),
  price: PriceRuleSchema,
  meta: z6.optional(MetaSchema)
});
var PriceScheduleSchema = z6.strictObject({
  id: IdSchema,
  effectiveFrom: CalendarDateSchema,
  effectiveTo: z6.optional(CalendarDateSchema),
  currency: z6.literal("USD"),
  /** Per-line rounding to cents; half-up unless the contract says half-even. */
  rounding: z6.optional(z6.enum(["half-up", "half-even"])),
  items: z6.array(PriceScheduleItemSchema)
});

// src/model/contract.ts
var SupplyKindSchema = z7.enum(["goods", "services", "public-works"]);
var ContractTermSchema = z7.strictObject({
  start: CalendarDateSchema,
  end: CalendarDateSchema,
  renewals: z7.optional(z7.array(z7.strictObject({ start: CalendarDateSchema, end: CalendarDateSchema, exercised: z7.boolean() })))
});
var ContractSchema = z7.strictObject({
  id: IdSchema,
  number: z7.string().check(z7.minLength(1)),
  title: z7.string().check(z7.minLength(1)),
  programId: IdSchema,
  leadAgency: z7.strictObject({ name: z7.string().check(z7.minLength(1)), isPublicAgency: z7.boolean(), state: StateCodeSchema }),
  solicitation: z7.strictObject({
    number: z7.string().check(z7.minLength(1)),
    kind: z7.enum(["invitation-for-bids", "request-for-proposals", "other"]),
    awardedOn: CalendarDateSchema,
    cooperativeUseClause: z7.boolean(),
    federalProcurementCompliant: z7.boolean()
  }),
  vendor: z7.strictObject({ id: IdSchema, name: z7.string().check(z7.minLength(1)), excludedFromFederalAwards: z7.optional(z7.boolean()) }),
  categories: z7.array(IdSchema),
  supplyKind: SupplyKindSchema,
  term: ContractTermSchema,
  eligibleMemberKinds: z7.array(MemberKindSchema),
  /** Default `['CA']`. */
  eligibleStates: z7.optional(z7.array(StateCodeSchema)),
  /** A cap on what one member may buy under the contract, when the solicitation set one. */
  maxAmountPerMember: z7.optional(MoneySchema),
  priceSchedules: z7.array(PriceScheduleSchema),
  meta: z7.optional(MetaSchema)
});

// src/packs/facts.ts
var DERIVED_FACT_PATHS = {
  member: [
    "isMemberOfProgram",
    "membershipInForce",
    "feesPaid",
    "averageDailyAttendanceGiven",
    "cupccaaInForce",
    "boardAuthorization",
    "boardAuthorization.required",
    "boardAuthorization.coversContract",
    "boardAuthorization.coversCategory"
  ],
  contract: ["given", "programKnown", "inForce", "inForceByUnexercisedRenewal", "states", "categoriesInProgram", "competitivelySolicited"],
  purchase: [
    "given",
    "amountCents",
    "federalAmountCents",
    "hasFederalFunds",
    "documentKinds",
    "documentKinds[]",
    "categoryInContract",
    "categoryInProgram",
    "requiredMethod",
    "stateMethod",
    "federalMethod",
    "localMethod",
    "competitionRequired"
  ]
};
function walk(schema, prefix, out) {
  const def = schema._zod.def;
  switch (def["type"]) {
    case "object": {
      const shape = def["shape"];
      for (const [key, child] of Object.entries(shape)) {
        const path = prefix ? `${prefix}.${key}` : key;
        out.push(path);
        walk(child, path, out);
      }
      return;
    }
    case "optional":
    case "nullable":
    case "default":
    case "readonly":
      walk(def["innerType"], prefix, out);
      return;
    case "array":
      out.push(`${prefix}[]`);
      walk(def["element"], `${prefix}[]`, out);
      return;
    case "pipe":
      walk(def["in"], prefix, out);
      return;
    case "union": {
      for (const option of def["options"]) walk(option, prefix, out);
      return;
    }
    default:
      return;
  }
}
function pathsOf(schema, derived = []) {
  const out = [];
  walk(schema, "", out);
  return [.../* @__PURE__ */ new Set([...out, ...derived])].sort();
}
var cached;
function factVocabulary() {
  cached ??= Object.freeze({
    member: { description: "The member buying, with derived facts.", paths: pathsOf(MemberSchema, DERIVED_FACT_PATHS["member"]) },
    contract: { description: "The cooperative contract, with derived facts.", paths: pathsOf(ContractSchema, DERIVED_FACT_PATHS["contract"]) },
    purchase: { description: "The purchase, with derived facts.", paths: pathsOf(PurchaseSchema, DERIVED_FACT_PATHS["purchase"]) },
    program: { description: "The program the contract belongs to, from the program pack.", paths: pathsOf(ProgramSchema) },
    asOf: { description: "The date of the decision (YYYY-MM-DD).", paths: [] }
  });
  return cached;
}
var SEGMENT = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[(?:'([^']*)'|"([^"]*)")\]/y;
function vocabularyPath(path) {
  if (!path.startsWith("$")) return void 0;
  let out = "";
  SEGMENT.lastIndex = 1;
  while (SEGMENT.lastIndex < path.length) {
    const start = SEGMENT.lastIndex;
    const m = SEGMENT.exec(path);
    if (!m || m.index !== start) return void 0;
    if (m[2] !== void 0) out += "[]";
    else out += (out ? "." : "") + (m[1] ?? m[3] ?? m[4]);
  }
  return out;
}

// src/model/deep-freeze.ts
function deepFreeze(value, carried = ["meta"]) {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const [key, v] of Object.entries(value)) if (!carried.includes(key)) deepFreeze(v, carried);
  }
  return value;
}

// src/packs/copy-pack-data.ts
var IDENTIFIER3 = /^[A-Za-z_$][\w$]*$/u;
function kindOf(value) {
  if (typeof value === "number") return `the number ${String(value)}`;
  if (typeof value === "object" && value !== null) return "an object that is not plain data (a class instance, a Map, a Date, \u2026)";
  return `a ${typeof value}`;
}
function copyPackData(value) {
  const issues = [];
  let unlisted = 0;
  const steps = ["$"];
  const problem = (message, step = "") => {
    if (issues.length < RULE_LIMITS.maxIssues) issues.push({ path: steps.join("") + step, message });
    else unlisted++;
    return void 0;
  };
  const copy = (item, depth) => {
    switch (typeof item) {
      case "string":
      case "boolean":
      case "undefined":
        return item;
      case "number":
        return Number.isFinite(item) ? item : problem(`expected JSON data, got ${kindOf(item)}`);
      case "object":
        break;
      default:
        return problem(`expected JSON data, got ${kindOf(item)}`);
    }
    if (item === null) return null;
    if (depth >= RULE_LIMITS.maxDataDepth) return problem(`nested deeper than ${RULE_LIMITS.maxDataDepth} levels (RULE_LIMITS.maxDataDepth), or cyclic`);
    if (Array.isArray(item)) return copyArray(item, depth);
    const proto = Object.getPrototypeOf(item);
    if (proto !== Object.prototype && proto !== null) return problem(`expected JSON data, got ${kindOf(item)}`);
    const out = {};
    for (const key of Object.keys(item)) {
      steps.push(IDENTIFIER3.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);
      const copied = copy(item[key], depth + 1);
      steps.pop();
      if (key === "__proto__") Object.defineProperty(out, key, { value: copied, enumerable: true, writable: true, configurable: true });
      else out[key] = copied;
    }
    return out;
  };
  const copyArray = (item, depth) => {
    const out = new Array(item.length);
    for (let i = 0; i < item.length; i++) {
      if (!Object.hasOwn(item, i)) {
        problem("an array must not have holes", `[${i}]`);
        continue;
      }
      steps.push(`[${i}]`);
      out[i] = copy(item[i], depth + 1);
      steps.pop();
    }
    return out;
  };
  try {
    return { copy: copy(value, 0), issues, unlisted };
  } catch (error) {
    let reason = "an exception was thrown";
    try {
      if (error instanceof Error) reason = String(error.message);
    } catch {
    }
    steps.length = 1;
    problem(`the pack could not be read: ${reason}`);
    return { copy: void 0, issues, unlisted };
  }
}

// src/packs/load-rules-pack.ts
var loaded = /* @__PURE__ */ new WeakSet();
function isLoadedRulesPack(value) {
  return typeof value === "object" && value !== null && loaded.has(value);
}
function rerooted(error, from, to, fallbackPath) {
  if (!isPaceError(error)) throw error;
  if (error.issues.length === 0) return [{ path: fallbackPath, message: error.message }];
  return error.issues.map((i) => ({ path: i.path.startsWith(from) ? to + i.path.slice(from.length) : `${fallbackPath}: ${i.path}`, message: i.message }));
}
function packError(summary, issues) {
  const listed = issues.slice(0, RULE_LIMITS.maxIssues);
  const more = issues.length > listed.length ? ` (${issues.length} problems; the first ${listed.length} are listed)` : "";
  return new PaceError("invalid-pack", formatIssues(`${summary}${more}`, listed), listed);
}
function collectFacts(node, at, out, depth = 1) {
  if (node === null || typeof node !== "object" || depth > RULE_LIMITS.maxNestingDepth) return;
  const n2 = node;
  for (const key of ["all", "any"]) {
    const list = Object.hasOwn(n2, key) ? n2[key] : void 0;
    if (Array.isArray(list) && list.length <= RULE_LIMITS.maxLeavesPerCondition) list.forEach((child, i) => collectFacts(child, `${at}.${key}[${i}]`, out, depth + 1));
  }
  if (Object.hasOwn(n2, "not") && n2["not"] !== void 0) collectFacts(n2["not"], `${at}.not`, out, depth + 1);
  if (typeof n2["fact"] === "string") {
    out.push({ fact: n2["fact"], path: typeof n2["path"] === "string" ? n2["path"] : void 0, at });
    const value = n2["value"];
    if (value !== null && typeof value === "object" && !Array.isArray(value) && typeof value["fact"] === "string") {
      const v = value;
      out.push({ fact: v["fact"], path: typeof v["path"] === "string" ? v["path"] : void 0, at: `${at}.value` });
    }
  }
}
function checkVocabulary(conditions, at, issues) {
  const vocabulary = factVocabulary();
  const leaves = [];
  collectFacts(conditions, at, leaves);
  for (const leaf of leaves) {
    const definition = Object.hasOwn(vocabulary, leaf.fact) ? vocabulary[leaf.fact] : void 0;
    if (!definition) {
      issues.push({ path: leaf.at, message: `unknown fact "${leaf.fact}"; rules may read ${Object.keys(vocabulary).map((k) => `"${k}"`).join(", ")}` });
      continue;
    }
    if (leaf.path === void 0) continue;
    const normalised = vocabularyPath(leaf.path);
    if (normalised === void 0) continue;
    if (!definition.paths.includes(normalised)) {
      issues.push({ path: `${leaf.at}.path`, message: `"${leaf.fact}" has no path "${leaf.path}" in the facts vocabulary (docs/facts.md)` });
    }
  }
}
function parsePackCopy(json) {
  const data = copyPackData(json);
  if (data.issues.length > 0) {
    const total = data.issues.length + data.unlisted;
    throw new PaceError("invalid-pack", formatIssues(`Invalid rules pack: ${total} value${total === 1 ? " is" : "s are"} not JSON data`, data.issues), data.issues);
  }
  const parsed = RulesPackSchema.safeParse(data.copy);
  if (!parsed.success) throw packError("Invalid rules pack", zodIssues(parsed.error, "$", data.copy));
  const pack = parsed.data;
  for (const [field, list] of [["rules", pack.rules], ["checklist", pack.checklist], ["thresholds", pack.thresholds]]) {
    if (list !== void 0 && list.length > RULE_LIMITS.maxRules) {
      const message = `${list.length} entries; at most ${RULE_LIMITS.maxRules} are accepted (RULE_LIMITS.maxRules)`;
      throw new PaceError("invalid-pack", `Invalid rules pack "${pack.id}": $.${field} has ${message}`, [{ path: `$.${field}`, message }]);
    }
  }
  return pack;
}
function checkIds(pack, issues) {
  const checkUnique = (ids, at, what) => {
    const seen = /* @__PURE__ */ new Map();
    ids.forEach((id, i) => {
      const first = seen.get(id);
      if (first !== void 0) issues.push({ path: `${at}[${i}].id`, message: `duplicate ${what} id "${id}" (also at ${at}[${first}])` });
      else seen.set(id, i);
    });
  };
  checkUnique((pack.sources ?? []).map((s) => s.id), "$.sources", "source");
  checkUnique((pack.rules ?? []).map((r) => r.id), "$.rules", "rule");
  checkUnique((pack.thresholds ?? []).map((t) => t.id), "$.thresholds", "threshold");
  checkUnique((pack.checklist ?? []).map((c) => c.id), "$.checklist", "checklist item");
  checkUnique((pack.programs ?? []).map((p) => p.id), "$.programs", "program");
  const sourceIds = new Set((pack.sources ?? []).map((s) => s.id));
  const checkSources = (entries, field) => {
    entries?.forEach((entry, e) => {
      entry.sources?.forEach((id, i) => {
        if (!sourceIds.has(id)) issues.push({ path: `$.${field}[${e}].sources[${i}]`, message: `no source with id "${id}" in this pack's "sources"` });
      });
    });
  };
  checkSources(pack.rules, "rules");
  checkSources(pack.checklist, "checklist");
  checkSources(pack.thresholds, "thresholds");
}
function checkRules(pack, issues) {
  (pack.rules ?? []).forEach((rule, i) => {
    const at = `$.rules[${i}]`;
    try {
      compileRules([{ conditions: rule.conditions, event: rule.event, name: rule.id, ...rule.priority !== void 0 ? { priority: rule.priority } : {} }]);
    } catch (e) {
      issues.push(...rerooted(e, "$[0]", at, at));
    }
    checkVocabulary(rule.conditions, `${at}.conditions`, issues);
  });
  (pack.checklist ?? []).forEach((item, i) => {
    const at = `$.checklist[${i}]`;
    try {
      compileRules([{ conditions: item.requiredWhen, event: { type: item.id }, name: item.id }]);
    } catch (e) {
      issues.push(...rerooted(e, "$[0].conditions", `${at}.requiredWhen`, `${at}.requiredWhen`));
    }
    checkVocabulary(item.requiredWhen, `${at}.requiredWhen`, issues);
    if (item.decidedBy) checkVocabulary(item.decidedBy, `${at}.decidedBy`, issues);
  });
}
function checkThresholdSeries(pack, issues) {
  const bySeries = /* @__PURE__ */ new Map();
  (pack.thresholds ?? []).forEach((t, i) => {
    const at = `$.thresholds[${i}]`;
    if (t.effectiveTo !== void 0 && t.effectiveTo < t.effectiveFrom) issues.push({ path: `${at}.effectiveTo`, message: `ends (${t.effectiveTo}) before it starts (${t.effectiveFrom})` });
    if (t.amount === null && t.confidence !== "unknown") issues.push({ path: `${at}.amount`, message: 'an unknown amount (null) must have confidence "unknown"' });
    if (t.amount !== null) {
      try {
        if (parseMoney(t.amount, `${at}.amount`).isNegative()) issues.push({ path: `${at}.amount`, message: "a threshold cannot be negative" });
      } catch (e) {
        issues.push(...rerooted(e, `${at}.amount`, `${at}.amount`, `${at}.amount`));
      }
    }
    const list = bySeries.get(t.series) ?? [];
    list.push({ index: i, from: t.effectiveFrom, to: t.effectiveTo });
    bySeries.set(t.series, list);
  });
  for (const [series, periods] of bySeries) {
    const sorted = [...periods].sort((a, b) => a.from < b.from ? -1 : a.from > b.from ? 1 : 0);
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1];
      const cur = sorted[k];
      const at = `$.thresholds[${cur.index}].effectiveFrom`;
      if (prev.to === void 0 || prev.to >= cur.from) {
        issues.push({ path: at, message: `series "${series}": this period (from ${cur.from}) overlaps $.thresholds[${prev.index}] (${prev.from} to ${prev.to ?? "open end"})` });
      } else if (addDays(prev.to, 1) !== cur.from) {
        issues.push({ path: at, message: `series "${series}": gap between $.thresholds[${prev.index}] (ends ${prev.to}) and this period (starts ${cur.from})` });
      }
    }
  }
}
function loadRulesPack(json) {
  if (isLoadedRulesPack(json)) return json;
  const pack = parsePackCopy(json);
  const issues = [];
  checkIds(pack, issues);
  checkRules(pack, issues);
  checkThresholdSeries(pack, issues);
  if (issues.length > 0) throw packError(`Invalid rules pack "${pack.id}"`, issues);
  const { $schema: _editorHint, ...content } = pack;
  const contentHash = sha256Hex(canonicalJson(content));
  const result = deepFreeze({ ...pack, contentHash });
  loaded.add(result);
  return result;
}

// src/packs/layer-packs.ts
function layer(packs, pick, what, field, issues) {
  const byId = /* @__PURE__ */ new Map();
  packs.forEach((pack, packIndex) => {
    pick(pack)?.forEach((entry, i) => {
      const at = `$.packs[${packIndex}].${field}[${i}]`;
      const earlier = byId.get(entry.id);
      if (earlier && !entry.replace) {
        issues.push({ path: `${at}.id`, message: `${what} "${entry.id}" of pack "${pack.id}" is already defined by pack "${earlier.pack}"; set "replace": true to replace it on purpose` });
        return;
      }
      if (!earlier && entry.replace) {
        issues.push({ path: `${at}.replace`, message: `${what} "${entry.id}" of pack "${pack.id}" says it replaces an earlier entry, but no earlier pack defines "${entry.id}"` });
        return;
      }
      if (earlier) byId.delete(entry.id);
      byId.set(entry.id, Object.freeze({ ...entry, pack: pack.id }));
    });
  });
  return [...byId.values()];
}
function layerPacks(input) {
  if (!Array.isArray(input) || input.length === 0) {
    throw new PaceError("invalid-input", 'createPace needs at least one rules pack in "packs"', [{ path: "$.packs", message: "expected a non-empty array of rules packs" }]);
  }
  const packs = input.map((p, i) => {
    try {
      return loadRulesPack(p);
    } catch (e) {
      if (isPaceError(e)) {
        const err = e;
        const issues2 = err.issues.map((issue) => ({ path: `$.packs[${i}]${issue.path.slice(1)}`, message: issue.message }));
        throw new PaceError(err.code, formatIssues(`Invalid rules pack at $.packs[${i}]`, issues2), issues2, { cause: e });
      }
      throw e;
    }
  });
  const ids = /* @__PURE__ */ new Map();
  const issues = [];
  packs.forEach((p, i) => {
    const first = ids.get(p.id);
    if (first !== void 0) issues.push({ path: `$.packs[${i}].id`, message: `pack "${p.id}" is given twice (also at $.packs[${first}])` });
    else ids.set(p.id, i);
  });
  const rules = layer(packs, (p) => p.rules, "rule", "rules", issues);
  const thresholds = layer(packs, (p) => p.thresholds, "threshold", "thresholds", issues);
  const checklist = layer(packs, (p) => p.checklist, "checklist item", "checklist", issues);
  const programs = layer(packs, (p) => p.programs, "program", "programs", issues);
  if (issues.length > 0) throw new PaceError("duplicate-id", formatIssues("The rules packs conflict", issues), issues);
  const hash = sha256Hex(packs.map((p) => `${p.id}@${p.version}#${p.contentHash}`).join("\n")).slice(0, 16);
  return Object.freeze({
    packs: Object.freeze(packs),
    rulesVersion: `${packs.map((p) => `${p.id}@${p.version}`).join("+")}#${hash}`,
    rules: Object.freeze(rules),
    thresholds: Object.freeze(thresholds),
    checklist: Object.freeze(checklist),
    programs: new Map(programs.map((p) => [p.id, p]))
  });
}

// rules/california/law.json
var law_default = {
  $schema: "../../schema/rules-pack.schema.json",
  id: "california-law",
  version: "2026.1.1",
  title: "California K-12 procurement law, with the federal overlay",
  description: "PCC \xA7 20111 / \xA7 20651 bid limits by calendar year, CUPCCAA bands, the 2 CFR 200.320 federal overlay, PCC \xA7 20118 piggyback conditions and the audit checklist, each figure with its citation, effective dates and confidence (from shared/reference/legal.md). Not legal advice: re-verify every figure against the official source.",
  kind: "law",
  sources: [
    {
      id: "legal-reference",
      title: "pace-rules legal data reference (shared/reference/legal.md): California K-12 cooperative purchasing figures with citations and confidence",
      note: "Not legal advice; every figure must be re-verified against the official source before release."
    },
    {
      id: "sspi-2012-12-20",
      title: "SSPI letter announcing the 2013 bid threshold",
      date: "2012-12-20"
    },
    {
      id: "dwk-2013",
      title: "Dannis Woliver Kelley alert, 2013 bid threshold",
      date: "2013-01-09"
    },
    {
      id: "scls-2014",
      title: "School & College Legal Services, Bid Limit Increased for 2014"
    },
    {
      id: "dwk-2015",
      title: "Dannis Woliver Kelley alert, 2015 adjusted bid threshold",
      date: "2015-01-13"
    },
    {
      id: "dwk-2015-12-30",
      title: "Dannis Woliver Kelley alert, 2016 adjusted bid threshold",
      date: "2015-12-30"
    },
    {
      id: "dwk-2017",
      title: "Dannis Woliver Kelley alert, 2017 adjusted bid thresholds",
      date: "2017-01-04"
    },
    {
      id: "sspi-2017-12-01",
      title: "SSPI letter announcing the 2018 bid threshold",
      date: "2017-12-01"
    },
    {
      id: "scls-2019",
      title: "School & College Legal Services Legal Update 03-2019"
    },
    {
      id: "cde-2019-12-01",
      title: "CDE letter: 2020 bid threshold",
      url: "https://www.cde.ca.gov/fg/ac/co/bidthreshold2020.asp",
      date: "2019-12-01"
    },
    {
      id: "lcw-2020",
      title: "Liebert Cassidy Whitmore, bid limits for 2020 and 2021",
      date: "2020-03-27"
    },
    {
      id: "cde-2021-12-09",
      title: "CDE announcement of the 2022 bid threshold (via Parker & Covert)",
      date: "2021-12-09"
    },
    {
      id: "lcw-2023",
      title: "Liebert Cassidy Whitmore, 2023 bid threshold",
      date: "2023-01-17"
    },
    {
      id: "cde-2023-12-05",
      title: "CDE announcement of the 2024 bid threshold (via Parker & Covert)",
      date: "2023-12-05"
    },
    {
      id: "lcw-2024",
      title: "Liebert Cassidy Whitmore, 2024 bid threshold",
      date: "2024-01-04"
    },
    {
      id: "dwk-2025",
      title: "Dannis Woliver Kelley, 2025 Adjusted Bid Thresholds (K-12 and community colleges)"
    },
    {
      id: "tao-rossini-2025",
      title: "Tao Rossini, 2025 bid thresholds",
      date: "2025-02-01"
    },
    {
      id: "ab-2249",
      title: "AB 2249 (Cooley), Stats. 2018 ch. 169: CUPCCAA limits from 2019-01-01"
    },
    {
      id: "ab-2192",
      title: "AB 2192 (Juan Carrillo), Stats. 2024 ch. 953: CUPCCAA limits from 2025-01-01",
      date: "2024-09-29"
    },
    {
      id: "ab-720",
      title: "AB 720 (Hall), 2011: CUPCCAA limits (effective date 2012-01-01 inferred)"
    },
    {
      id: "omb-m-18-18",
      title: "OMB M-18-18: micro-purchase $10,000 and simplified acquisition $250,000 for grant recipients",
      date: "2018-06-20"
    },
    {
      id: "far-2015",
      title: "FAR five-year inflation adjustment (micro-purchase $3,500), GSA SmartPay notice",
      date: "2015-10-01"
    },
    {
      id: "fac-2005-45",
      title: "FAC 2005-45 (FAR Case 2008-024): simplified acquisition threshold $150,000",
      date: "2010-10-01"
    },
    {
      id: "far-2025",
      title: "FAR Case 2024-001, FAC 2025-06, final rule 90 FR 41872 (27 Aug 2025): micro-purchase $15,000, simplified acquisition $350,000",
      date: "2025-10-01"
    },
    {
      id: "2cfr-2020",
      title: "2 CFR 200 revision, 85 FR 49506 (effective 2020-11-12): self-certified micro-purchase threshold up to $50,000",
      date: "2020-11-12"
    },
    {
      id: "fns-sp-05-2017",
      title: "USDA FNS SP 05-2017: purchasing with cooperative agreements",
      date: "2016-10-19"
    },
    {
      id: "cde-nsd-piggyback",
      title: "CDE NSD, Key Steps When Using Piggyback Contracts",
      url: "https://www.cde.ca.gov/LS/nu/piggybackcontracts.asp"
    },
    {
      id: "sbceo-county-counsel",
      title: "Santa Barbara County Education Office, cooperative purchasing conditions per County Counsel"
    }
  ],
  thresholds: [
    {
      id: "ca.pcc20111a.k12.2013",
      series: "ca.pcc20111a.k12",
      title: "K-12 bid limit 2013: formal bid when the expenditure is more than this",
      amount: "83400.00",
      comparison: ">",
      effectiveFrom: "2013-01-01",
      effectiveTo: "2013-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20111(a), adjusted under \xA7 20111(e) [formerly (d)]",
      confidence: "high",
      sources: [
        "legal-reference",
        "sspi-2012-12-20",
        "dwk-2013"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20116"
      }
    },
    {
      id: "ca.pcc20111a.k12.2014",
      series: "ca.pcc20111a.k12",
      title: "K-12 bid limit 2014: formal bid when the expenditure is more than this",
      amount: "84100.00",
      comparison: ">",
      effectiveFrom: "2014-01-01",
      effectiveTo: "2014-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20111(a), adjusted under \xA7 20111(e) [formerly (d)]",
      confidence: "high",
      sources: [
        "legal-reference",
        "scls-2014"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20116"
      }
    },
    {
      id: "ca.pcc20111a.k12.2015",
      series: "ca.pcc20111a.k12",
      title: "K-12 bid limit 2015: formal bid when the expenditure is more than this",
      amount: "86000.00",
      comparison: ">",
      effectiveFrom: "2015-01-01",
      effectiveTo: "2015-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20111(a), adjusted under \xA7 20111(e) [formerly (d)]",
      confidence: "high",
      sources: [
        "legal-reference",
        "dwk-2015"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20116"
      }
    },
    {
      id: "ca.pcc20111a.k12.2016",
      series: "ca.pcc20111a.k12",
      title: "K-12 bid limit 2016: formal bid when the expenditure is more than this",
      amount: "87800.00",
      comparison: ">",
      effectiveFrom: "2016-01-01",
      effectiveTo: "2016-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20111(a), adjusted under \xA7 20111(e) [formerly (d)]",
      confidence: "high",
      sources: [
        "legal-reference",
        "dwk-2015-12-30"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20116"
      }
    },
    {
      id: "ca.pcc20111a.k12.2017",
      series: "ca.pcc20111a.k12",
      title: "K-12 bid limit 2017: formal bid when the expenditure is more than this",
      amount: "88300.00",
      comparison: ">",
      effectiveFrom: "2017-01-01",
      effectiveTo: "2017-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20111(a), adjusted under \xA7 20111(e) [formerly (d)]",
      confidence: "high",
      sources: [
        "legal-reference",
        "dwk-2017"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20116"
      }
    },
    {
      id: "ca.pcc20111a.k12.2018",
      series: "ca.pcc20111a.k12",
      title: "K-12 bid limit 2018: formal bid when the expenditure is more than this",
      amount: "90200.00",
      comparison: ">",
      effectiveFrom: "2018-01-01",
      effectiveTo: "2018-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20111(a), adjusted under \xA7 20111(e) [formerly (d)]",
      confidence: "high",
      sources: [
        "legal-reference",
        "sspi-2017-12-01"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20116"
      }
    },
    {
      id: "ca.pcc20111a.k12.2019",
      series: "ca.pcc20111a.k12",
      title: "K-12 bid limit 2019: formal bid when the expenditure is more than this",
      amount: "92600.00",
      comparison: ">",
      effectiveFrom: "2019-01-01",
      effectiveTo: "2019-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20111(a), adjusted under \xA7 20111(e) [formerly (d)]",
      confidence: "high",
      sources: [
        "legal-reference",
        "scls-2019"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20116"
      }
    },
    {
      id: "ca.pcc20111a.k12.2020",
      series: "ca.pcc20111a.k12",
      title: "K-12 bid limit 2020: formal bid when the expenditure is more than this",
      amount: "95200.00",
      comparison: ">",
      effectiveFrom: "2020-01-01",
      effectiveTo: "2020-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20111(a), adjusted under \xA7 20111(e) [formerly (d)]",
      confidence: "high",
      sources: [
        "legal-reference",
        "cde-2019-12-01",
        "lcw-2020"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20116"
      }
    },
    {
      id: "ca.pcc20111a.k12.2021",
      series: "ca.pcc20111a.k12",
      title: "K-12 bid limit 2021: formal bid when the expenditure is more than this",
      amount: "96700.00",
      comparison: ">",
      effectiveFrom: "2021-01-01",
      effectiveTo: "2021-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20111(a), adjusted under \xA7 20111(e) [formerly (d)]",
      confidence: "high",
      sources: [
        "legal-reference",
        "lcw-2020"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20116"
      }
    },
    {
      id: "ca.pcc20111a.k12.2022",
      series: "ca.pcc20111a.k12",
      title: "K-12 bid limit 2022: formal bid when the expenditure is more than this",
      amount: "99100.00",
      comparison: ">",
      effectiveFrom: "2022-01-01",
      effectiveTo: "2022-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20111(a), adjusted under \xA7 20111(e) [formerly (d)]",
      confidence: "high",
      sources: [
        "legal-reference",
        "cde-2021-12-09"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20116"
      }
    },
    {
      id: "ca.pcc20111a.k12.2023",
      series: "ca.pcc20111a.k12",
      title: "K-12 bid limit 2023: formal bid when the expenditure is more than this",
      amount: "109300.00",
      comparison: ">",
      effectiveFrom: "2023-01-01",
      effectiveTo: "2023-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20111(a), adjusted under \xA7 20111(e) [formerly (d)]",
      confidence: "high",
      sources: [
        "legal-reference",
        "lcw-2023"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20116"
      }
    },
    {
      id: "ca.pcc20111a.k12.2024",
      series: "ca.pcc20111a.k12",
      title: "K-12 bid limit 2024: formal bid when the expenditure is more than this",
      amount: "114500.00",
      comparison: ">",
      effectiveFrom: "2024-01-01",
      effectiveTo: "2024-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20111(a), adjusted under \xA7 20111(e) [formerly (d)]",
      confidence: "high",
      sources: [
        "legal-reference",
        "cde-2023-12-05",
        "lcw-2024"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20116"
      }
    },
    {
      id: "ca.pcc20111a.k12.2025",
      series: "ca.pcc20111a.k12",
      title: "K-12 bid limit 2025: formal bid when the expenditure is more than this",
      amount: "114800.00",
      comparison: ">",
      effectiveFrom: "2025-01-01",
      effectiveTo: "2025-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20111(a), adjusted under \xA7 20111(e) [formerly (d)]",
      confidence: "high",
      sources: [
        "legal-reference",
        "dwk-2025",
        "tao-rossini-2025"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20116"
      }
    },
    {
      id: "ca.pcc20111a.k12.2026",
      series: "ca.pcc20111a.k12",
      title: "K-12 bid limit 2026: not found",
      amount: null,
      comparison: ">",
      effectiveFrom: "2026-01-01",
      effectiveTo: "2026-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20111(a), adjusted under \xA7 20111(e) [formerly (d)]",
      confidence: "unknown",
      sources: [
        "legal-reference"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      note: "The 2026 figure was not in the research corpus; CDE normally posts it in December at https://www.cde.ca.gov/fg/ac/co/. Until it is added, the latest known figure is used and a warning says so.",
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20116"
      }
    },
    {
      id: "ca.pcc20651a.ccd.2013",
      series: "ca.pcc20651a.ccd",
      title: "Community college bid limit 2013: formal bid when the expenditure is more than this",
      amount: "83400.00",
      comparison: ">",
      effectiveFrom: "2013-01-01",
      effectiveTo: "2013-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20651(a), adjusted under \xA7 20651(d)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "community-college-district"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20657"
      }
    },
    {
      id: "ca.pcc20651a.ccd.2014",
      series: "ca.pcc20651a.ccd",
      title: "Community college bid limit 2014: formal bid when the expenditure is more than this",
      amount: "84100.00",
      comparison: ">",
      effectiveFrom: "2014-01-01",
      effectiveTo: "2014-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20651(a), adjusted under \xA7 20651(d)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "community-college-district"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20657"
      }
    },
    {
      id: "ca.pcc20651a.ccd.2015",
      series: "ca.pcc20651a.ccd",
      title: "Community college bid limit 2015: formal bid when the expenditure is more than this",
      amount: "86000.00",
      comparison: ">",
      effectiveFrom: "2015-01-01",
      effectiveTo: "2015-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20651(a), adjusted under \xA7 20651(d)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "community-college-district"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20657"
      }
    },
    {
      id: "ca.pcc20651a.ccd.2016",
      series: "ca.pcc20651a.ccd",
      title: "Community college bid limit 2016: formal bid when the expenditure is more than this",
      amount: "87800.00",
      comparison: ">",
      effectiveFrom: "2016-01-01",
      effectiveTo: "2016-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20651(a), adjusted under \xA7 20651(d)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "community-college-district"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20657"
      }
    },
    {
      id: "ca.pcc20651a.ccd.2017",
      series: "ca.pcc20651a.ccd",
      title: "Community college bid limit 2017: formal bid when the expenditure is more than this",
      amount: "88300.00",
      comparison: ">",
      effectiveFrom: "2017-01-01",
      effectiveTo: "2017-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20651(a), adjusted under \xA7 20651(d)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "community-college-district"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20657"
      }
    },
    {
      id: "ca.pcc20651a.ccd.2018",
      series: "ca.pcc20651a.ccd",
      title: "Community college bid limit 2018: formal bid when the expenditure is more than this",
      amount: "90200.00",
      comparison: ">",
      effectiveFrom: "2018-01-01",
      effectiveTo: "2018-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20651(a), adjusted under \xA7 20651(d)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "community-college-district"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20657"
      }
    },
    {
      id: "ca.pcc20651a.ccd.2019",
      series: "ca.pcc20651a.ccd",
      title: "Community college bid limit 2019: formal bid when the expenditure is more than this",
      amount: "92600.00",
      comparison: ">",
      effectiveFrom: "2019-01-01",
      effectiveTo: "2019-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20651(a), adjusted under \xA7 20651(d)",
      confidence: "medium",
      sources: [
        "legal-reference"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "community-college-district"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      note: "Announced figure for community colleges not separately confirmed for this year; the K-12 figure is used (the two series matched in every year checked).",
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20657"
      }
    },
    {
      id: "ca.pcc20651a.ccd.2020",
      series: "ca.pcc20651a.ccd",
      title: "Community college bid limit 2020: formal bid when the expenditure is more than this",
      amount: "95200.00",
      comparison: ">",
      effectiveFrom: "2020-01-01",
      effectiveTo: "2020-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20651(a), adjusted under \xA7 20651(d)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "community-college-district"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20657"
      }
    },
    {
      id: "ca.pcc20651a.ccd.2021",
      series: "ca.pcc20651a.ccd",
      title: "Community college bid limit 2021: formal bid when the expenditure is more than this",
      amount: "96700.00",
      comparison: ">",
      effectiveFrom: "2021-01-01",
      effectiveTo: "2021-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20651(a), adjusted under \xA7 20651(d)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "community-college-district"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20657"
      }
    },
    {
      id: "ca.pcc20651a.ccd.2022",
      series: "ca.pcc20651a.ccd",
      title: "Community college bid limit 2022: formal bid when the expenditure is more than this",
      amount: "99100.00",
      comparison: ">",
      effectiveFrom: "2022-01-01",
      effectiveTo: "2022-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20651(a), adjusted under \xA7 20651(d)",
      confidence: "medium",
      sources: [
        "legal-reference"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "community-college-district"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      note: "Announced figure for community colleges not separately confirmed for this year; the K-12 figure is used (the two series matched in every year checked).",
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20657"
      }
    },
    {
      id: "ca.pcc20651a.ccd.2023",
      series: "ca.pcc20651a.ccd",
      title: "Community college bid limit 2023: formal bid when the expenditure is more than this",
      amount: "109300.00",
      comparison: ">",
      effectiveFrom: "2023-01-01",
      effectiveTo: "2023-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20651(a), adjusted under \xA7 20651(d)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "community-college-district"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20657"
      }
    },
    {
      id: "ca.pcc20651a.ccd.2024",
      series: "ca.pcc20651a.ccd",
      title: "Community college bid limit 2024: formal bid when the expenditure is more than this",
      amount: "114500.00",
      comparison: ">",
      effectiveFrom: "2024-01-01",
      effectiveTo: "2024-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20651(a), adjusted under \xA7 20651(d)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "community-college-district"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20657"
      }
    },
    {
      id: "ca.pcc20651a.ccd.2025",
      series: "ca.pcc20651a.ccd",
      title: "Community college bid limit 2025: formal bid when the expenditure is more than this",
      amount: "114800.00",
      comparison: ">",
      effectiveFrom: "2025-01-01",
      effectiveTo: "2025-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20651(a), adjusted under \xA7 20651(d)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "community-college-district"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20657"
      }
    },
    {
      id: "ca.pcc20651a.ccd.2026",
      series: "ca.pcc20651a.ccd",
      title: "Community college bid limit 2026: not found",
      amount: null,
      comparison: ">",
      effectiveFrom: "2026-01-01",
      effectiveTo: "2026-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 20651(a), adjusted under \xA7 20651(d)",
      confidence: "unknown",
      sources: [
        "legal-reference"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "community-college-district"
        ],
        supplyKinds: [
          "goods",
          "services"
        ]
      },
      note: "The 2026 figure was not in the research corpus (CCCCO memo). Until it is added, the latest known figure is used and a warning says so.",
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20657"
      }
    },
    {
      id: "ca.pcc20111b.k12.public-project",
      series: "ca.pcc20111b.k12",
      title: "K-12 public project bid limit: formal bid at $15,000 or more",
      amount: "15000.00",
      comparison: ">=",
      effectiveFrom: "1900-01-01",
      citation: "Cal. Pub. Cont. Code \xA7 20111(b)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office"
        ],
        supplyKinds: [
          "public-works"
        ],
        cupccaa: false
      },
      note: "Long-standing and not inflation-adjusted; the date it took effect is not recorded here (1900-01-01 stands for 'before any date this library handles'). AB 2009 (2024), which would have raised it, failed. Members that elected CUPCCAA use the \xA7 22032 bands instead (\xA7 22030).",
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20116"
      }
    },
    {
      id: "ca.pcc20651b.ccd.public-project",
      series: "ca.pcc20651b.ccd",
      title: "Community college public project bid limit: formal bid at $15,000 or more",
      amount: "15000.00",
      comparison: ">=",
      effectiveFrom: "1900-01-01",
      citation: "Cal. Pub. Cont. Code \xA7 20651(b)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "community-college-district"
        ],
        supplyKinds: [
          "public-works"
        ],
        cupccaa: false
      },
      note: "Long-standing and not inflation-adjusted; the date it took effect is not recorded here (1900-01-01 stands for 'before any date this library handles'). Members that elected CUPCCAA use the \xA7 22032 bands instead (\xA7 22030).",
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 20657"
      }
    },
    {
      id: "ca.cupccaa.force-account.v2",
      series: "ca.cupccaa.force-account",
      title: "CUPCCAA: force account, negotiated contract or purchase order for public projects of $45,000 or less",
      amount: "45000.00",
      comparison: "<=",
      effectiveFrom: "2012-01-01",
      effectiveTo: "2018-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 22032(a)",
      confidence: "medium",
      sources: [
        "legal-reference",
        "ab-720"
      ],
      level: "state",
      method: "informal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office",
          "community-college-district",
          "joint-powers-authority",
          "other-public-agency"
        ],
        supplyKinds: [
          "public-works"
        ],
        cupccaa: true
      },
      note: "Amounts high confidence; the 2012-01-01 start is inferred from the 2011 enactment (AB 720).",
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 22033"
      }
    },
    {
      id: "ca.cupccaa.informal.v2",
      series: "ca.cupccaa.informal",
      title: "CUPCCAA: informal bidding for public projects of $175,000 or less; formal bidding above",
      amount: "175000.00",
      comparison: "<=",
      effectiveFrom: "2012-01-01",
      effectiveTo: "2018-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 22032(b), (c)",
      confidence: "medium",
      sources: [
        "legal-reference",
        "ab-720"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office",
          "community-college-district",
          "joint-powers-authority",
          "other-public-agency"
        ],
        supplyKinds: [
          "public-works"
        ],
        cupccaa: true
      },
      note: "Amounts high confidence; the 2012-01-01 start is inferred from the 2011 enactment (AB 720).",
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 22033"
      }
    },
    {
      id: "ca.cupccaa.force-account.v3",
      series: "ca.cupccaa.force-account",
      title: "CUPCCAA: force account, negotiated contract or purchase order for public projects of $60,000 or less",
      amount: "60000.00",
      comparison: "<=",
      effectiveFrom: "2019-01-01",
      effectiveTo: "2024-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 22032(a)",
      confidence: "high",
      sources: [
        "legal-reference",
        "ab-2249"
      ],
      level: "state",
      method: "informal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office",
          "community-college-district",
          "joint-powers-authority",
          "other-public-agency"
        ],
        supplyKinds: [
          "public-works"
        ],
        cupccaa: true
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 22033"
      }
    },
    {
      id: "ca.cupccaa.informal.v3",
      series: "ca.cupccaa.informal",
      title: "CUPCCAA: informal bidding for public projects of $200,000 or less; formal bidding above",
      amount: "200000.00",
      comparison: "<=",
      effectiveFrom: "2019-01-01",
      effectiveTo: "2024-12-31",
      citation: "Cal. Pub. Cont. Code \xA7 22032(b), (c)",
      confidence: "high",
      sources: [
        "legal-reference",
        "ab-2249"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office",
          "community-college-district",
          "joint-powers-authority",
          "other-public-agency"
        ],
        supplyKinds: [
          "public-works"
        ],
        cupccaa: true
      },
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 22033"
      }
    },
    {
      id: "ca.cupccaa.force-account.v4",
      series: "ca.cupccaa.force-account",
      title: "CUPCCAA: force account, negotiated contract or purchase order for public projects of $75,000 or less",
      amount: "75000.00",
      comparison: "<=",
      effectiveFrom: "2025-01-01",
      citation: "Cal. Pub. Cont. Code \xA7 22032(a)",
      confidence: "high",
      sources: [
        "legal-reference",
        "ab-2192"
      ],
      level: "state",
      method: "informal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office",
          "community-college-district",
          "joint-powers-authority",
          "other-public-agency"
        ],
        supplyKinds: [
          "public-works"
        ],
        cupccaa: true
      },
      note: "Applied to opted-in agencies without a new board resolution (DWK 2025).",
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 22033"
      }
    },
    {
      id: "ca.cupccaa.informal.v4",
      series: "ca.cupccaa.informal",
      title: "CUPCCAA: informal bidding for public projects of $220,000 or less; formal bidding above",
      amount: "220000.00",
      comparison: "<=",
      effectiveFrom: "2025-01-01",
      citation: "Cal. Pub. Cont. Code \xA7 22032(b), (c)",
      confidence: "high",
      sources: [
        "legal-reference",
        "ab-2192"
      ],
      level: "state",
      method: "formal-bid",
      appliesTo: {
        memberKinds: [
          "school-district",
          "county-office",
          "community-college-district",
          "joint-powers-authority",
          "other-public-agency"
        ],
        supplyKinds: [
          "public-works"
        ],
        cupccaa: true
      },
      note: "Applied to opted-in agencies without a new board resolution (DWK 2025).",
      params: {
        splittingCitation: "Cal. Pub. Cont. Code \xA7 22033"
      }
    },
    {
      id: "us.2cfr.mpt.v2",
      series: "us.2cfr.mpt",
      title: "Federal micro-purchase threshold: micro-purchase when the amount does not exceed it",
      amount: "3500.00",
      comparison: "<=",
      effectiveFrom: "2015-10-01",
      effectiveTo: "2018-06-19",
      citation: "FAR 2.101 (micro-purchase threshold), applied to grant recipients through 2 CFR 200",
      confidence: "high",
      sources: [
        "legal-reference",
        "far-2015"
      ],
      level: "federal",
      method: "quotes",
      role: "micro-purchase",
      appliesTo: {
        federalFunds: true
      }
    },
    {
      id: "us.2cfr.mpt.v3",
      series: "us.2cfr.mpt",
      title: "Federal micro-purchase threshold: micro-purchase when the amount does not exceed it",
      amount: "10000.00",
      comparison: "<=",
      effectiveFrom: "2018-06-20",
      effectiveTo: "2025-09-30",
      citation: "2 CFR 200.320(a)(1); 2 CFR 200.1 (micro-purchase threshold, FAR 2.101)",
      confidence: "high",
      sources: [
        "legal-reference",
        "omb-m-18-18"
      ],
      level: "federal",
      method: "quotes",
      role: "micro-purchase",
      appliesTo: {
        federalFunds: true
      }
    },
    {
      id: "us.2cfr.mpt.v4",
      series: "us.2cfr.mpt",
      title: "Federal micro-purchase threshold: micro-purchase when the amount does not exceed it",
      amount: "15000.00",
      comparison: "<=",
      effectiveFrom: "2025-10-01",
      citation: "2 CFR 200.320(a)(1); 2 CFR 200.1 (micro-purchase threshold, FAR 2.101)",
      confidence: "high",
      sources: [
        "legal-reference",
        "far-2025"
      ],
      level: "federal",
      method: "quotes",
      role: "micro-purchase",
      appliesTo: {
        federalFunds: true
      },
      note: "A recipient may use it once its written procedures allow (TEA guidance); which 2 CFR text governs depends on the federal award date."
    },
    {
      id: "us.2cfr.mpt.self-certification-max",
      series: "us.2cfr.mpt.self-certification-max",
      title: "Most a recipient may self-certify as its micro-purchase threshold (above it, the cognizant agency must approve)",
      amount: "50000.00",
      comparison: "<=",
      effectiveFrom: "2020-11-12",
      citation: "2 CFR 200.320(a)(1)(iv)-(v)",
      confidence: "high",
      sources: [
        "legal-reference",
        "2cfr-2020"
      ],
      role: "self-certification-ceiling"
    },
    {
      id: "us.2cfr.sat.v2",
      series: "us.2cfr.sat",
      title: "Federal simplified acquisition threshold: formal procurement above it",
      amount: "150000.00",
      comparison: "<=",
      effectiveFrom: "2010-10-01",
      effectiveTo: "2018-06-19",
      citation: "FAR 2.101 (simplified acquisition threshold), applied to grant recipients through 2 CFR 200",
      confidence: "high",
      sources: [
        "legal-reference",
        "fac-2005-45"
      ],
      level: "federal",
      method: "formal-bid",
      appliesTo: {
        federalFunds: true
      }
    },
    {
      id: "us.2cfr.sat.v3",
      series: "us.2cfr.sat",
      title: "Federal simplified acquisition threshold: formal procurement above it",
      amount: "250000.00",
      comparison: "<=",
      effectiveFrom: "2018-06-20",
      effectiveTo: "2025-09-30",
      citation: "2 CFR 200.320(a)(2), (b); 2 CFR 200.1 (simplified acquisition threshold, FAR 2.101)",
      confidence: "high",
      sources: [
        "legal-reference",
        "omb-m-18-18"
      ],
      level: "federal",
      method: "formal-bid",
      appliesTo: {
        federalFunds: true
      }
    },
    {
      id: "us.2cfr.sat.v4",
      series: "us.2cfr.sat",
      title: "Federal simplified acquisition threshold: formal procurement above it",
      amount: "350000.00",
      comparison: "<=",
      effectiveFrom: "2025-10-01",
      citation: "2 CFR 200.320(a)(2), (b); 2 CFR 200.1 (simplified acquisition threshold, FAR 2.101)",
      confidence: "high",
      sources: [
        "legal-reference",
        "far-2025"
      ],
      level: "federal",
      method: "formal-bid",
      appliesTo: {
        federalFunds: true
      }
    }
  ],
  rules: [
    {
      id: "contract-not-in-force",
      capability: "eligibility",
      description: "The contract (its term and exercised renewals) must be in force on the date of use.",
      citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)",
      confidence: "medium",
      sources: [
        "legal-reference",
        "cde-nsd-piggyback"
      ],
      conditions: {
        all: [
          {
            fact: "contract",
            path: "$.inForce",
            operator: "equal",
            value: false,
            priority: 2
          },
          {
            fact: "contract",
            path: "$.inForceByUnexercisedRenewal",
            operator: "equal",
            value: false
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "contract-not-in-force",
          severity: "block",
          message: "The contract is not in force on this date: neither its term nor an exercised renewal covers it.",
          citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)"
        }
      }
    },
    {
      id: "contract-renewal-not-exercised",
      capability: "eligibility",
      description: "A date inside a renewal period that has not been exercised is not covered.",
      citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)",
      confidence: "medium",
      sources: [
        "legal-reference",
        "cde-nsd-piggyback"
      ],
      conditions: {
        all: [
          {
            fact: "contract",
            path: "$.inForce",
            operator: "equal",
            value: false
          },
          {
            fact: "contract",
            path: "$.inForceByUnexercisedRenewal",
            operator: "equal",
            value: true,
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "contract-renewal-not-exercised",
          severity: "block",
          message: "The date falls in a renewal period of the contract that has not been exercised; the contract is not in force until the renewal is exercised.",
          citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)"
        }
      }
    },
    {
      id: "lead-agency-not-public",
      capability: "eligibility",
      description: "Only a contract of a public corporation or agency can stand in for the member's own bid.",
      citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      conditions: {
        all: [
          {
            fact: "contract",
            path: "$.leadAgency.isPublicAgency",
            operator: "equal",
            value: false,
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "lead-agency-not-public",
          severity: "block",
          message: "The lead agency is not a public agency; only another public corporation or agency's contract can be used without the member's own bid.",
          citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)"
        }
      }
    },
    {
      id: "solicitation-not-competitive",
      capability: "eligibility",
      description: "The lead agency's contract must have been let competitively (an invitation for bids or a request for proposals).",
      citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)",
      confidence: "medium",
      sources: [
        "legal-reference",
        "sbceo-county-counsel",
        "cde-nsd-piggyback"
      ],
      conditions: {
        all: [
          {
            fact: "contract",
            path: "$.competitivelySolicited",
            operator: "equal",
            value: false,
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "solicitation-not-competitive",
          severity: "block",
          message: "The lead agency's contract was not let by a competitive solicitation (invitation for bids or request for proposals); the originating agency must have complied with the competitive bidding requirements.",
          citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)"
        }
      }
    },
    {
      id: "no-cooperative-use-clause",
      capability: "eligibility",
      description: "The solicitation and contract must let other agencies buy under it.",
      citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)",
      confidence: "high",
      sources: [
        "legal-reference",
        "cde-nsd-piggyback",
        "sbceo-county-counsel"
      ],
      conditions: {
        all: [
          {
            fact: "contract",
            path: "$.solicitation.cooperativeUseClause",
            operator: "equal",
            value: false,
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "no-cooperative-use-clause",
          severity: "block",
          message: "The contract has no cooperative-use (piggyback) clause letting other agencies buy under the same terms.",
          citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652); CDE NSD Key Steps When Using Piggyback Contracts"
        }
      }
    },
    {
      id: "member-kind-not-eligible-for-contract",
      capability: "eligibility",
      description: "The contract names the member kinds that may use it.",
      citation: "Contract terms (cooperative-use clause scope)",
      confidence: "high",
      sources: [
        "legal-reference",
        "sbceo-county-counsel"
      ],
      conditions: {
        all: [
          {
            fact: "contract",
            path: "$.eligibleMemberKinds",
            operator: "doesNotContain",
            value: {
              fact: "member",
              path: "$.kind"
            },
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "member-kind-not-eligible-for-contract",
          severity: "block",
          message: "The contract is not open to this kind of member (see its eligible member kinds).",
          citation: "Contract terms (cooperative-use clause scope)"
        }
      }
    },
    {
      id: "member-state-not-eligible-for-contract",
      capability: "eligibility",
      description: "The contract names the states whose agencies may use it (California by default).",
      citation: "Contract terms (cooperative-use clause scope)",
      confidence: "high",
      sources: [
        "legal-reference",
        "sbceo-county-counsel"
      ],
      conditions: {
        all: [
          {
            fact: "contract",
            path: "$.states",
            operator: "doesNotContain",
            value: {
              fact: "member",
              path: "$.state"
            },
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "member-state-not-eligible-for-contract",
          severity: "block",
          message: "The contract is not open to agencies of the member's state.",
          citation: "Contract terms (cooperative-use clause scope)"
        }
      }
    },
    {
      id: "purchase-category-not-in-contract",
      capability: "eligibility",
      description: "The purchase must be within the contract's categories.",
      citation: "Contract terms (scope by type)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      conditions: {
        all: [
          {
            fact: "purchase",
            path: "$.given",
            operator: "equal",
            value: true
          },
          {
            fact: "purchase",
            path: "$.categoryInContract",
            operator: "equal",
            value: false,
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "purchase-category-not-in-contract",
          severity: "block",
          message: "The purchase's category is not among the contract's categories.",
          citation: "Contract terms (scope by type)"
        }
      }
    },
    {
      id: "federal-funds-contract-not-compliant",
      capability: "eligibility",
      description: "With federal money, the cooperative contract must itself have been procured under 2 CFR 200.317-.327.",
      citation: "2 CFR 200.318(e); 2 CFR 200.317-.327",
      confidence: "high",
      sources: [
        "legal-reference",
        "fns-sp-05-2017"
      ],
      conditions: {
        all: [
          {
            fact: "purchase",
            path: "$.hasFederalFunds",
            operator: "equal",
            value: true,
            priority: 2
          },
          {
            fact: "contract",
            path: "$.solicitation.federalProcurementCompliant",
            operator: "equal",
            value: false
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "federal-funds-contract-not-compliant",
          severity: "block",
          message: "Federal money is spent, but the cooperative contract was not procured under 2 CFR 200.317-.327; an intergovernmental agreement does not excuse competitive procurement.",
          citation: "2 CFR 200.318(e); 2 CFR 200.317-.327"
        }
      }
    },
    {
      id: "federal-funds-vendor-excluded",
      capability: "eligibility",
      description: "With federal money, the vendor must not be suspended or debarred.",
      citation: "2 CFR 200.214; 2 CFR 180.300",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      conditions: {
        all: [
          {
            fact: "purchase",
            path: "$.hasFederalFunds",
            operator: "equal",
            value: true,
            priority: 2
          },
          {
            fact: "contract",
            path: "$.vendor.excludedFromFederalAwards",
            operator: "equal",
            value: true
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "federal-funds-vendor-excluded",
          severity: "block",
          message: "Federal money is spent, but the vendor is excluded from federal awards (SAM.gov exclusions).",
          citation: "2 CFR 200.214; 2 CFR 180.300"
        }
      }
    },
    {
      id: "piggyback-personal-property-only",
      capability: "eligibility",
      description: "PCC 20118 covers personal property only.",
      citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      conditions: {
        all: [
          {
            fact: "contract",
            path: "$.supplyKind",
            operator: "notEqual",
            value: "goods",
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "piggyback-personal-property-only",
          severity: "warn",
          message: "The contract is for services or public works: PCC \xA7 20118 lets a member rely on another agency's contract only for personal property (equipment, materials, supplies), so services and public works above the bid limits must be bid by the member itself.",
          citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)"
        }
      }
    },
    {
      id: "small-elementary-district-cooperative",
      capability: "eligibility",
      description: "Elementary districts under 2,500 ADA may buy standard supplies directly only through a cooperative of more than 2,500 ADA, with a certificate of membership on file with the county superintendent.",
      citation: "Cal. Educ. Code \xA7 38112(b)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      conditions: {
        all: [
          {
            fact: "member",
            path: "$.kind",
            operator: "equal",
            value: "school-district"
          },
          {
            fact: "member",
            path: "$.districtType",
            operator: "equal",
            value: "elementary",
            priority: 2
          },
          {
            fact: "member",
            path: "$.averageDailyAttendance",
            operator: "lessThan",
            value: 2500
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "small-elementary-district-cooperative",
          severity: "warn",
          message: "An elementary district with ADA under 2,500 may buy standard school supplies directly only through a purchasing cooperative with a total ADA over 2,500, and only if the county superintendent has on file a certificate of the district's membership.",
          citation: "Cal. Educ. Code \xA7 38112(b)"
        }
      }
    },
    {
      id: "small-elementary-district-certificate-missing",
      capability: "eligibility",
      description: "Ed. Code 38112(b): the county membership certificate must be on file.",
      citation: "Cal. Educ. Code \xA7 38112(b)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      conditions: {
        all: [
          {
            fact: "purchase",
            path: "$.given",
            operator: "equal",
            value: true
          },
          {
            fact: "member",
            path: "$.kind",
            operator: "equal",
            value: "school-district",
            priority: 2
          },
          {
            fact: "member",
            path: "$.districtType",
            operator: "equal",
            value: "elementary"
          },
          {
            fact: "member",
            path: "$.averageDailyAttendance",
            operator: "lessThan",
            value: 2500
          },
          {
            fact: "purchase",
            path: "$.documentKinds",
            operator: "doesNotContain",
            value: "county-membership-certificate"
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "county-membership-certificate-missing",
          severity: "block",
          message: "The purchase's documents do not include the county superintendent's certificate of the district's membership in the cooperative, which an elementary district under 2,500 ADA needs to buy through it.",
          citation: "Cal. Educ. Code \xA7 38112(b)"
        }
      }
    },
    {
      id: "elementary-district-ada-unknown",
      capability: "eligibility",
      description: "Without ADA the Ed. Code 38112 condition cannot be checked.",
      citation: "Cal. Educ. Code \xA7 38112(b)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      conditions: {
        all: [
          {
            fact: "member",
            path: "$.kind",
            operator: "equal",
            value: "school-district"
          },
          {
            fact: "member",
            path: "$.districtType",
            operator: "equal",
            value: "elementary",
            priority: 2
          },
          {
            fact: "member",
            path: "$.averageDailyAttendanceGiven",
            operator: "equal",
            value: false
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "elementary-district-ada-unknown",
          severity: "warn",
          message: "The member is an elementary district but its average daily attendance is not given, so the Ed. Code \xA7 38112(b) condition for districts under 2,500 ADA cannot be checked.",
          citation: "Cal. Educ. Code \xA7 38112(b)"
        }
      }
    },
    {
      id: "charter-school-not-subject-to-pcc-bidding",
      capability: "procurement",
      description: "Charter schools are exempt from the laws governing school districts, PCC bidding included, unless their charter or a funding source says otherwise.",
      citation: "Cal. Educ. Code \xA7 47610",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      conditions: {
        all: [
          {
            fact: "member",
            path: "$.kind",
            operator: "equal",
            value: "charter-school",
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "charter-school-not-subject-to-pcc-bidding",
          severity: "info",
          message: "Charter schools are not subject to Public Contract Code bidding (state requirement: none); federal rules (when federal money is spent), the charter itself and the school's own policies still apply.",
          citation: "Cal. Educ. Code \xA7 47610"
        }
      }
    },
    {
      id: "professional-services-outside-bid-limit",
      capability: "procurement",
      description: "Professional services are outside the PCC bid limits.",
      citation: "Cal. Pub. Cont. Code \xA7 20111; \xA7 20651(c); Cal. Gov. Code \xA7 53060",
      confidence: "medium",
      sources: [
        "legal-reference"
      ],
      conditions: {
        all: [
          {
            fact: "purchase",
            path: "$.supplyKind",
            operator: "equal",
            value: "professional-services",
            priority: 2
          },
          {
            fact: "member",
            path: "$.kind",
            operator: "notEqual",
            value: "charter-school"
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "professional-services-outside-bid-limit",
          severity: "info",
          message: "Professional services or advice are outside the Public Contract Code bid limit (state requirement: none); federal rules and local policy still apply.",
          citation: "Cal. Pub. Cont. Code \xA7 20111 (community college districts: \xA7 20651(c)); Cal. Gov. Code \xA7 53060"
        }
      }
    },
    {
      id: "cooperative-contract-not-for-services",
      capability: "procurement",
      description: "Services and public works that need competition cannot rely on another agency's contract.",
      citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      conditions: {
        all: [
          {
            fact: "contract",
            path: "$.given",
            operator: "equal",
            value: true
          },
          {
            fact: "purchase",
            path: "$.competitionRequired",
            operator: "equal",
            value: true
          },
          {
            fact: "purchase",
            path: "$.supplyKind",
            operator: "notEqual",
            value: "goods",
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "cooperative-contract-not-for-services",
          severity: "block",
          message: "This purchase is for services or public works and is over the limits: a cooperative contract covers personal property only, so the member must run its own procurement.",
          citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)"
        }
      }
    },
    {
      id: "cooperative-contract-supply-kind-mismatch",
      capability: "procurement",
      description: "A goods purchase under a services or public-works contract is not personal property bought under it.",
      citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      conditions: {
        all: [
          {
            fact: "contract",
            path: "$.given",
            operator: "equal",
            value: true
          },
          {
            fact: "purchase",
            path: "$.competitionRequired",
            operator: "equal",
            value: true
          },
          {
            fact: "purchase",
            path: "$.supplyKind",
            operator: "equal",
            value: "goods"
          },
          {
            fact: "contract",
            path: "$.supplyKind",
            operator: "notEqual",
            value: "goods",
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "cooperative-contract-not-for-goods",
          severity: "block",
          message: "The contract is for services or public works; it cannot stand in for the member's own bid for this purchase of goods.",
          citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)"
        }
      }
    },
    {
      id: "audit-contract-not-in-force-on-po-date",
      capability: "audit",
      description: "The contract's term against the PO date decides the contract-in-force item.",
      citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)",
      confidence: "medium",
      sources: [
        "legal-reference"
      ],
      conditions: {
        all: [
          {
            fact: "contract",
            path: "$.given",
            operator: "equal",
            value: true
          },
          {
            fact: "contract",
            path: "$.inForce",
            operator: "equal",
            value: false,
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "contract-not-in-force-on-po-date",
          severity: "block",
          message: "The contract is not in force on the PO date (term and exercised renewals).",
          citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)"
        }
      }
    },
    {
      id: "audit-federal-vendor-excluded",
      capability: "audit",
      description: "An excluded vendor cannot be paid with federal money.",
      citation: "2 CFR 200.214; 2 CFR 180.300",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      conditions: {
        all: [
          {
            fact: "purchase",
            path: "$.hasFederalFunds",
            operator: "equal",
            value: true
          },
          {
            fact: "contract",
            path: "$.vendor.excludedFromFederalAwards",
            operator: "equal",
            value: true,
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "federal-funds-vendor-excluded",
          severity: "block",
          message: "Federal money is spent, but the vendor is excluded from federal awards (SAM.gov exclusions).",
          citation: "2 CFR 200.214; 2 CFR 180.300"
        }
      }
    },
    {
      id: "audit-federal-contract-not-compliant",
      capability: "audit",
      description: "A cooperative contract used with federal money must have been procured under 2 CFR 200.317-.327.",
      citation: "2 CFR 200.318(e); 2 CFR 200.317-.327",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      conditions: {
        all: [
          {
            fact: "contract",
            path: "$.given",
            operator: "equal",
            value: true
          },
          {
            fact: "purchase",
            path: "$.hasFederalFunds",
            operator: "equal",
            value: true
          },
          {
            fact: "contract",
            path: "$.solicitation.federalProcurementCompliant",
            operator: "equal",
            value: false,
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "federal-funds-contract-not-compliant",
          severity: "block",
          message: "Federal money is spent, but the cooperative contract was not procured under 2 CFR 200.317-.327.",
          citation: "2 CFR 200.318(e); 2 CFR 200.317-.327"
        }
      }
    }
  ],
  checklist: [
    {
      id: "board-authorization",
      title: "Board determination that using the cooperative contract is in the district's best interests (per purchase or an annual resolution)",
      citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)",
      description: "Required by statute for piggyback purchases. Decided by the member record: a board authorization in force on the PO date whose scope covers the contract's program or the contract itself.",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      requiredWhen: {
        all: [
          {
            fact: "contract",
            path: "$.given",
            operator: "equal",
            value: true
          },
          {
            fact: "program",
            path: "$.boardAuthorizationRequiredFor",
            operator: "contains",
            value: {
              fact: "member",
              path: "$.kind"
            }
          }
        ]
      },
      decidedBy: {
        fact: "member",
        path: "$.boardAuthorization.coversContract"
      }
    },
    {
      id: "board-ratification",
      title: "Board approval or ratification of the contract or purchase order (and the 60-day review of delegated purchases)",
      citation: "Cal. Educ. Code \xA7\xA7 17604, 17605 (community college districts: \xA7\xA7 81655, 81656)",
      description: "A contract made under delegated authority is not valid or enforceable until approved or ratified by the board.",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      requiredWhen: {
        all: [
          {
            fact: "member",
            path: "$.kind",
            operator: "in",
            value: [
              "school-district",
              "community-college-district"
            ]
          }
        ]
      }
    },
    {
      id: "lead-agency-solicitation",
      title: "Copy of the lead agency's solicitation (IFB/RFP), advertising proof and bid tabulation or evaluation",
      citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652); 2 CFR 200.318(i) with federal money",
      description: "Shows that the originating agency complied with the competitive bidding requirements.",
      confidence: "high",
      sources: [
        "legal-reference",
        "sbceo-county-counsel",
        "cde-nsd-piggyback"
      ],
      requiredWhen: {
        all: [
          {
            fact: "contract",
            path: "$.given",
            operator: "equal",
            value: true
          }
        ]
      }
    },
    {
      id: "lead-agency-award",
      title: "The lead agency's award (board action) of the contract",
      citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)",
      description: "The award that made the contract.",
      confidence: "high",
      sources: [
        "legal-reference",
        "sbceo-county-counsel",
        "cde-nsd-piggyback"
      ],
      requiredWhen: {
        all: [
          {
            fact: "contract",
            path: "$.given",
            operator: "equal",
            value: true
          }
        ]
      }
    },
    {
      id: "cooperative-use-clause",
      title: "Proof that the solicitation and contract contain cooperative-use (piggyback) language covering this member",
      citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652); CDE NSD Key Steps When Using Piggyback Contracts",
      description: "The clause must cover this kind of agency and geography.",
      confidence: "high",
      sources: [
        "legal-reference",
        "sbceo-county-counsel",
        "cde-nsd-piggyback"
      ],
      requiredWhen: {
        all: [
          {
            fact: "contract",
            path: "$.given",
            operator: "equal",
            value: true
          }
        ]
      }
    },
    {
      id: "contract-in-force",
      title: "The executed contract, its amendments and renewals, in force on the PO date",
      citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652); Cal. Educ. Code \xA7 17596",
      description: "Decided by the data: the contract's term and exercised renewals against the PO date.",
      confidence: "medium",
      sources: [
        "legal-reference"
      ],
      requiredWhen: {
        all: [
          {
            fact: "contract",
            path: "$.given",
            operator: "equal",
            value: true
          }
        ]
      },
      decidedBy: {
        fact: "contract",
        path: "$.inForce"
      }
    },
    {
      id: "po-cites-contract",
      title: "Purchase order citing the cooperative contract number and the lead agency",
      citation: "Good practice (county office audit guidance; DGS CMAS Local Government Agency Guide)",
      description: "Not found as a statute.",
      confidence: "medium",
      sources: [
        "legal-reference"
      ],
      requiredWhen: {
        all: [
          {
            fact: "contract",
            path: "$.given",
            operator: "equal",
            value: true
          }
        ]
      }
    },
    {
      id: "price-verification",
      title: "Verification that invoiced prices are within the contract price schedule",
      citation: 'Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652) ("under the same terms that are available to the public corporation or agency")',
      description: "The statutory basis is the same-terms language; the verification method is practice.",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      requiredWhen: {
        all: [
          {
            fact: "contract",
            path: "$.given",
            operator: "equal",
            value: true
          }
        ]
      }
    },
    {
      id: "federal-procurement-compliance",
      title: "Evidence that the cooperative contract was procured under 2 CFR 200.317-.327 (and a procurement history for this purchase)",
      citation: "2 CFR 200.318(e), (i); 2 CFR 200.317-.327",
      description: "Required when federal money is spent through a cooperative contract.",
      confidence: "high",
      sources: [
        "legal-reference",
        "fns-sp-05-2017"
      ],
      requiredWhen: {
        all: [
          {
            fact: "contract",
            path: "$.given",
            operator: "equal",
            value: true
          },
          {
            fact: "purchase",
            path: "$.hasFederalFunds",
            operator: "equal",
            value: true
          }
        ]
      }
    },
    {
      id: "federal-exclusion-check",
      title: "SAM.gov exclusion check of the vendor (covered transaction of $25,000 or more)",
      citation: "2 CFR 180.220(b)(1); 2 CFR 180.300; 2 CFR 200.214",
      description: "A procurement contract under a federal award expected to equal or exceed $25,000 is a covered transaction.",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      requiredWhen: {
        all: [
          {
            fact: "purchase",
            path: "$.hasFederalFunds",
            operator: "equal",
            value: true
          },
          {
            fact: "purchase",
            path: "$.amountCents",
            operator: "greaterThanInclusive",
            value: 25e5
          }
        ]
      }
    },
    {
      id: "federal-contract-clauses",
      title: "Appendix II contract clauses in the contract or purchase order",
      citation: "2 CFR 200.327; 2 CFR Part 200 Appendix II",
      description: "Triggered here by the lowest general dollar trigger, termination for cause and convenience for contracts in excess of $10,000 (App. II(B)); breach remedies above the simplified acquisition threshold (App. II(A)) and others follow. Clauses (K) and (L), recalled as applying to all contracts, are not used as a trigger.",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      requiredWhen: {
        all: [
          {
            fact: "purchase",
            path: "$.hasFederalFunds",
            operator: "equal",
            value: true
          },
          {
            fact: "purchase",
            path: "$.amountCents",
            operator: "greaterThan",
            value: 1e6
          }
        ]
      }
    },
    {
      id: "dir-registration",
      title: "DIR registration of the contractor and subcontractors",
      citation: "Cal. Lab. Code \xA7\xA7 1725.5, 1771.1",
      description: "Public works over $25,000 (new construction, alteration, installation, demolition or repair); the $15,000 limit for maintenance work is not modelled separately.",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      requiredWhen: {
        all: [
          {
            fact: "purchase",
            path: "$.supplyKind",
            operator: "equal",
            value: "public-works"
          },
          {
            fact: "purchase",
            path: "$.amountCents",
            operator: "greaterThan",
            value: 25e5
          }
        ]
      }
    },
    {
      id: "prevailing-wage",
      title: "Prevailing wage determinations in the call for bids and contract, and certified payroll",
      citation: "Cal. Lab. Code \xA7 1771",
      description: "Prevailing wage applies to public works except those of $1,000 or less.",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      requiredWhen: {
        all: [
          {
            fact: "purchase",
            path: "$.supplyKind",
            operator: "equal",
            value: "public-works"
          },
          {
            fact: "purchase",
            path: "$.amountCents",
            operator: "greaterThan",
            value: 1e5
          }
        ]
      }
    },
    {
      id: "payment-bond",
      title: "Payment bond (100%) for a public works contract over $25,000",
      citation: "Cal. Civ. Code \xA7\xA7 9550, 9554",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      requiredWhen: {
        all: [
          {
            fact: "purchase",
            path: "$.supplyKind",
            operator: "equal",
            value: "public-works"
          },
          {
            fact: "purchase",
            path: "$.amountCents",
            operator: "greaterThan",
            value: 25e5
          }
        ]
      }
    },
    {
      id: "county-membership-certificate",
      title: "Certificate of the district's membership in the purchasing cooperative, on file with the county superintendent",
      citation: "Cal. Educ. Code \xA7 38112(b)",
      description: "Elementary districts with ADA under 2,500 buying standard supplies through a purchasing cooperative.",
      confidence: "high",
      sources: [
        "legal-reference"
      ],
      requiredWhen: {
        all: [
          {
            fact: "contract",
            path: "$.given",
            operator: "equal",
            value: true
          },
          {
            fact: "member",
            path: "$.kind",
            operator: "equal",
            value: "school-district"
          },
          {
            fact: "member",
            path: "$.districtType",
            operator: "equal",
            value: "elementary"
          },
          {
            fact: "member",
            path: "$.averageDailyAttendance",
            operator: "lessThan",
            value: 2500
          }
        ]
      }
    }
  ]
};

// rules/pace/program.json
var program_default = {
  $schema: "../../schema/rules-pack.schema.json",
  id: "pace-program",
  version: "1.0.0",
  title: "PACE cooperative purchasing program",
  description: "The PACE program as data: its categories, who may join, and its membership rules.",
  kind: "program",
  sources: [
    {
      id: "pace-primer",
      title: "PACE: Cooperative Purchasing Program for California Schools (project primer, shared/reference/pace-primer.txt)",
      note: "The primer says most public educational institutions in California are eligible and that fees should be confirmed with the administrators; no fee is modelled."
    }
  ],
  programs: [
    {
      id: "pace",
      name: "Purchasing Association of Cooperative Entities (PACE)",
      description: "A cooperative purchasing program for California educational institutions: pooled demand, pre-competed contracts.",
      categories: [
        {
          id: "classroom-materials",
          name: "Classroom materials"
        },
        {
          id: "technology",
          name: "Technology"
        },
        {
          id: "curriculum",
          name: "Curriculum"
        },
        {
          id: "furniture",
          name: "Furniture"
        },
        {
          id: "facility-services",
          name: "Facility services"
        }
      ],
      eligibleMemberKinds: [
        "school-district",
        "county-office",
        "charter-school",
        "community-college-district"
      ],
      eligibleStates: [
        "CA"
      ],
      feesRequired: false,
      boardAuthorizationRequiredFor: [
        "school-district",
        "county-office",
        "community-college-district"
      ]
    }
  ],
  rules: [
    {
      id: "not-a-program-member",
      capability: "eligibility",
      description: "The member must have joined the contract's program.",
      citation: "PACE program membership terms",
      confidence: "medium",
      sources: [
        "pace-primer"
      ],
      conditions: {
        all: [
          {
            fact: "member",
            path: "$.isMemberOfProgram",
            operator: "equal",
            value: false,
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "not-a-program-member",
          severity: "block",
          message: "The member has no membership in the contract's program.",
          citation: "PACE program membership terms"
        }
      }
    },
    {
      id: "membership-not-active",
      capability: "eligibility",
      description: "Only an active membership lets a member buy.",
      citation: "PACE program membership terms",
      confidence: "medium",
      sources: [
        "pace-primer"
      ],
      conditions: {
        all: [
          {
            fact: "member",
            path: "$.isMemberOfProgram",
            operator: "equal",
            value: true
          },
          {
            fact: "member",
            path: "$.membership.status",
            operator: "notEqual",
            value: "active",
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "membership-not-active",
          severity: "block",
          message: "The member's program membership is not active (pending, suspended or withdrawn).",
          citation: "PACE program membership terms"
        }
      }
    },
    {
      id: "membership-not-in-force",
      capability: "eligibility",
      description: "The date must fall within the membership's dates.",
      citation: "PACE program membership terms",
      confidence: "medium",
      sources: [
        "pace-primer"
      ],
      conditions: {
        all: [
          {
            fact: "member",
            path: "$.isMemberOfProgram",
            operator: "equal",
            value: true
          },
          {
            fact: "member",
            path: "$.membershipInForce",
            operator: "equal",
            value: false,
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "membership-not-in-force",
          severity: "block",
          message: "The date is outside the member's membership dates (before it began or after it ended).",
          citation: "PACE program membership terms"
        }
      }
    },
    {
      id: "membership-fees-unpaid",
      capability: "eligibility",
      description: "When the program charges fees, they must be paid through the date.",
      citation: "PACE program membership terms",
      confidence: "medium",
      sources: [
        "pace-primer"
      ],
      conditions: {
        all: [
          {
            fact: "member",
            path: "$.isMemberOfProgram",
            operator: "equal",
            value: true
          },
          {
            fact: "program",
            path: "$.feesRequired",
            operator: "equal",
            value: true,
            priority: 2
          },
          {
            fact: "member",
            path: "$.feesPaid",
            operator: "equal",
            value: false
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "membership-fees-unpaid",
          severity: "block",
          message: "The program charges membership fees and the member's fees are not paid through this date.",
          citation: "PACE program membership terms"
        }
      }
    },
    {
      id: "member-kind-not-eligible-for-program",
      capability: "eligibility",
      description: "The program names the member kinds it serves.",
      citation: "PACE program membership terms",
      confidence: "medium",
      sources: [
        "pace-primer"
      ],
      conditions: {
        all: [
          {
            fact: "contract",
            path: "$.programKnown",
            operator: "equal",
            value: true
          },
          {
            fact: "program",
            path: "$.eligibleMemberKinds",
            operator: "doesNotContain",
            value: {
              fact: "member",
              path: "$.kind"
            },
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "member-kind-not-eligible-for-program",
          severity: "block",
          message: "The program does not serve this kind of member.",
          citation: "PACE program membership terms"
        }
      }
    },
    {
      id: "member-state-not-eligible-for-program",
      capability: "eligibility",
      description: "The program names the states it serves.",
      citation: "PACE program membership terms",
      confidence: "medium",
      sources: [
        "pace-primer"
      ],
      conditions: {
        all: [
          {
            fact: "contract",
            path: "$.programKnown",
            operator: "equal",
            value: true
          },
          {
            fact: "program",
            path: "$.eligibleStates",
            operator: "doesNotContain",
            value: {
              fact: "member",
              path: "$.state"
            },
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "member-state-not-eligible-for-program",
          severity: "block",
          message: "The program does not serve members in this state.",
          citation: "PACE program membership terms"
        }
      }
    },
    {
      id: "contract-program-unknown",
      capability: "eligibility",
      description: "The contract must belong to a program defined by a loaded pack.",
      citation: "PACE program membership terms",
      confidence: "high",
      sources: [
        "pace-primer"
      ],
      conditions: {
        all: [
          {
            fact: "contract",
            path: "$.programKnown",
            operator: "equal",
            value: false,
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "contract-program-unknown",
          severity: "block",
          message: "The contract's program is not defined by any loaded rules pack.",
          citation: "PACE program membership terms"
        }
      }
    },
    {
      id: "contract-category-not-in-program",
      capability: "eligibility",
      description: "The contract's categories must be the program's.",
      citation: "PACE program membership terms",
      confidence: "medium",
      sources: [
        "pace-primer"
      ],
      conditions: {
        all: [
          {
            fact: "contract",
            path: "$.programKnown",
            operator: "equal",
            value: true
          },
          {
            fact: "contract",
            path: "$.categoriesInProgram",
            operator: "equal",
            value: false,
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "contract-category-not-in-program",
          severity: "warn",
          message: "Some of the contract's categories are not categories of the program.",
          citation: "PACE program membership terms"
        }
      }
    },
    {
      id: "purchase-category-not-in-program",
      capability: "eligibility",
      description: "The purchase must be in one of the program's categories.",
      citation: "PACE program membership terms",
      confidence: "medium",
      sources: [
        "pace-primer"
      ],
      conditions: {
        all: [
          {
            fact: "purchase",
            path: "$.given",
            operator: "equal",
            value: true
          },
          {
            fact: "contract",
            path: "$.programKnown",
            operator: "equal",
            value: true
          },
          {
            fact: "purchase",
            path: "$.categoryInProgram",
            operator: "equal",
            value: false,
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "purchase-category-not-in-program",
          severity: "block",
          message: "The purchase's category is not a category of the program.",
          citation: "PACE program membership terms"
        }
      }
    },
    {
      id: "board-authorization-missing",
      capability: "eligibility",
      description: "Members whose board must authorize the program's contracts need an authorization in force on the date that names the program or the contract.",
      citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)",
      confidence: "high",
      sources: [
        "pace-primer"
      ],
      conditions: {
        all: [
          {
            fact: "member",
            path: "$.boardAuthorization.required",
            operator: "equal",
            value: true
          },
          {
            fact: "member",
            path: "$.boardAuthorization.coversContract",
            operator: "equal",
            value: false,
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "board-authorization-missing",
          severity: "block",
          message: "No board authorization in force on this date covers this program or contract (the board must find that using it is in the member's best interests).",
          citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)"
        }
      }
    },
    {
      id: "board-authorization-category-out-of-scope",
      capability: "eligibility",
      description: "A board authorization limited to categories must include the purchase's category.",
      citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)",
      confidence: "high",
      sources: [
        "pace-primer"
      ],
      conditions: {
        all: [
          {
            fact: "member",
            path: "$.boardAuthorization.required",
            operator: "equal",
            value: true
          },
          {
            fact: "member",
            path: "$.boardAuthorization.coversContract",
            operator: "equal",
            value: true
          },
          {
            fact: "member",
            path: "$.boardAuthorization.coversCategory",
            operator: "equal",
            value: false,
            priority: 2
          }
        ]
      },
      event: {
        type: "finding",
        params: {
          code: "board-authorization-category-out-of-scope",
          severity: "block",
          message: "The board authorization covering this contract does not include the purchase's category.",
          citation: "Cal. Pub. Cont. Code \xA7 20118 (community college districts: \xA7 20652)"
        }
      }
    }
  ]
};

// src/packs/bundled.ts
var law;
var program;
function californiaLaw() {
  law ??= loadRulesPack(law_default);
  return law;
}
function paceProgram() {
  program ??= loadRulesPack(program_default);
  return program;
}

// src/errors/coded-issues.ts
function throwIssues(summary, issues) {
  const first = issues[0]?.code ?? "invalid-input";
  const code = issues.every((i) => i.code === first) ? first : "invalid-input";
  const plain = issues.map((i) => ({ path: i.path, message: i.message }));
  throw new PaceError(code, formatIssues(summary, plain), plain);
}

// src/contracts/quantity.ts
var QUANTITY_DECIMALS = 12;
var INTEGER_TEXT = /^(?:0|[1-9]\d{0,14})$/;
function normaliseQty(value) {
  return value.isInteger() && value.lte(Number.MAX_SAFE_INTEGER) ? value.toNumber() : value;
}
function readQty(value, path, issues) {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value === 0 ? 0 : value;
  if (typeof value === "string" && INTEGER_TEXT.test(value)) return Number(value);
  let parsed;
  try {
    parsed = parseDecimal(value, path, QUANTITY_DECIMALS, "invalid-quantity");
  } catch (e) {
    const message = e.issues?.[0]?.message ?? "expected a quantity";
    issues.push({ code: "invalid-quantity", path, message: `${message} (a quantity is a non-negative number or decimal string such as "12" or "7.5")` });
    return void 0;
  }
  if (parsed.isNegative()) {
    issues.push({ code: "invalid-quantity", path, message: `expected a quantity of zero or more, got ${String(value)}` });
    return void 0;
  }
  return normaliseQty(parsed);
}
function qtyToDec(q) {
  return typeof q === "number" ? new Dec(q) : q;
}
function compareQty(a, b) {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return qtyToDec(a).comparedTo(qtyToDec(b));
}
function addQty(a, b) {
  if (typeof a === "number" && typeof b === "number") {
    const sum = a + b;
    if (Number.isSafeInteger(sum)) return sum;
  }
  return normaliseQty(qtyToDec(a).plus(qtyToDec(b)));
}
function qtyText(q) {
  return typeof q === "number" ? String(q) : q.toFixed();
}

// src/contracts/find-tier-table-issues.ts
function tryDecimal(value, decimals) {
  try {
    return parseDecimal(value, "$", decimals);
  } catch {
    return void 0;
  }
}
function findTierTableIssues(tiers, path) {
  const issues = [];
  if (!Array.isArray(tiers) || tiers.length === 0) return issues;
  const push = (at, message) => {
    issues.push({ code: "invalid-tier-table", path: at, message });
  };
  let previous;
  let previousIndex = -1;
  tiers.forEach((tier, i) => {
    if (typeof tier !== "object" || tier === null) return;
    const t = tier;
    const at = `${path}[${i}]`;
    const isLast = i === tiers.length - 1;
    if (t["upTo"] === null) {
      if (!isLast) push(`${at}.upTo`, `only the last tier may be open-ended (upTo null); tier ${i} is open but ${tiers.length - 1 - i} more tier(s) follow it, which could never be reached`);
    } else if (t["upTo"] !== void 0) {
      const bound = tryDecimal(t["upTo"], QUANTITY_DECIMALS);
      if (bound !== void 0) {
        if (bound.lte(0)) push(`${at}.upTo`, `a tier bound must be above zero, got ${String(t["upTo"])}`);
        else if (previous !== void 0 && bound.lte(previous)) {
          push(`${at}.upTo`, `tier bounds must strictly ascend: ${bound.toFixed()} is not above the bound ${previous.toFixed()} of tier ${previousIndex} (upTo is an inclusive upper bound)`);
        }
        if (previous === void 0 || bound.gt(previous)) {
          previous = bound;
          previousIndex = i;
        }
      }
    }
    for (const field of ["unitPrice", "flatFee"]) {
      const amount = t[field] === void 0 ? void 0 : tryDecimal(t[field], 2);
      if (amount?.isNegative()) push(`${at}.${field}`, `a tier's ${field === "unitPrice" ? "unit price" : "flat fee"} must be zero or more, got ${String(t[field])}`);
    }
  });
  const last = tiers[tiers.length - 1];
  if (typeof last === "object" && last !== null && last["upTo"] !== null) {
    push(path, `the top tier must be open-ended: set the last tier's upTo to null so that every quantity has a price (tier ${tiers.length - 1} ends at ${String(last["upTo"])})`);
  }
  return issues;
}

// src/contracts/price-index.ts
function preparePrice(value) {
  const twoPlaces = value.decimalPlaces() <= 2;
  const centsDec = value.times(100);
  return {
    dec: value,
    text: twoPlaces ? value.toFixed(2) : value.toFixed(),
    cents: twoPlaces && centsDec.abs().lte(Number.MAX_SAFE_INTEGER) ? centsDec.toNumber() : void 0
  };
}
var money = (v) => parseDecimal(v, "$", 2);
function asArray(v) {
  return Array.isArray(v) ? v : [];
}
function asRecord(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? v : void 0;
}
function isNegativeMoney(v) {
  try {
    return money(v).isNegative();
  } catch {
    return false;
  }
}
function findPricingIssues(contract2, root) {
  const issues = [];
  const schedules = asArray(asRecord(contract2)?.["priceSchedules"]);
  schedules.forEach((rawSchedule, s) => {
    const schedule = asRecord(rawSchedule);
    if (!schedule) return;
    const sPath = `${root}.priceSchedules[${s}]`;
    const seen = /* @__PURE__ */ new Map();
    asArray(schedule["items"]).forEach((rawItem, i) => {
      const item = asRecord(rawItem);
      if (!item) return;
      const iPath = `${sPath}.items[${i}]`;
      const sku = item["sku"];
      if (typeof sku === "string") {
        const first = seen.get(sku);
        if (first !== void 0) issues.push({ code: "invalid-input", path: `${iPath}.sku`, message: `sku "${sku}" is already priced at ${sPath}.items[${first}]; a sku may appear once per schedule` });
        else seen.set(sku, i);
      }
      if (item["listPrice"] !== void 0 && isNegativeMoney(item["listPrice"])) issues.push({ code: "invalid-input", path: `${iPath}.listPrice`, message: "a list price must be zero or more" });
      const price = asRecord(item["price"]);
      if (price?.["kind"] === "fixed" && isNegativeMoney(price["unitPrice"])) issues.push({ code: "invalid-input", path: `${iPath}.price.unitPrice`, message: "a unit price must be zero or more" });
      if (price?.["kind"] === "discount" && item["listPrice"] === void 0) {
        issues.push({ code: "invalid-input", path: `${iPath}.listPrice`, message: `sku ${JSON.stringify(sku)} is priced as a discount off list, so it needs a listPrice` });
      }
      if (price?.["kind"] === "tiered") issues.push(...findTierTableIssues(price["tiers"], `${iPath}.price.tiers`));
    });
  });
  const DATE = /^\d{4}-\d{2}-\d{2}$/;
  const dated = schedules.map((raw, s) => ({ s, r: asRecord(raw) })).filter((x) => x.r !== void 0 && typeof x.r["effectiveFrom"] === "string" && DATE.test(x.r["effectiveFrom"]) && (x.r["effectiveTo"] === void 0 || typeof x.r["effectiveTo"] === "string" && DATE.test(x.r["effectiveTo"])));
  for (let a = 0; a < dated.length; a++) {
    for (let b = a + 1; b < dated.length; b++) {
      const x = dated[a];
      const y = dated[b];
      const xFrom = x.r["effectiveFrom"];
      const yFrom = y.r["effectiveFrom"];
      const xTo = x.r["effectiveTo"];
      const yTo = y.r["effectiveTo"];
      if ((xTo === void 0 || yFrom <= xTo) && (yTo === void 0 || xFrom <= yTo)) {
        const range2 = (from, to) => `${from} to ${to ?? "open end"}`;
        issues.push({
          code: "invalid-input",
          path: `${root}.priceSchedules[${y.s}].effectiveFrom`,
          message: `schedule ${JSON.stringify(y.r["id"])} (${range2(yFrom, yTo)}) overlaps schedule ${JSON.stringify(x.r["id"])} at ${root}.priceSchedules[${x.s}] (${range2(xFrom, xTo)}); a price must be unambiguous on every date`
        });
      }
    }
  }
  return issues;
}
function prepareRule(item, listPrice) {
  const price = item.price;
  switch (price.kind) {
    case "fixed":
      return { kind: "fixed", unitPrice: preparePrice(money(price.unitPrice)) };
    case "discount": {
      const off = new Dec(price.percentOffList);
      return { kind: "discount", unitPrice: preparePrice(listPrice.dec.times(new Dec(100).minus(off)).dividedBy(100)) };
    }
    case "tiered": {
      const tiers = [];
      let lower2 = 0;
      let base = new Dec(0);
      let baseCents = 0;
      price.tiers.forEach((t, index) => {
        const upTo = t.upTo === null ? null : normaliseQty(parseDecimal(t.upTo, "$", QUANTITY_DECIMALS, "invalid-quantity"));
        const unitPrice = preparePrice(money(t.unitPrice));
        const flatFee = t.flatFee === void 0 ? void 0 : preparePrice(money(t.flatFee));
        if (flatFee) {
          base = base.plus(flatFee.dec);
          baseCents = baseCents === void 0 || flatFee.cents === void 0 ? void 0 : baseCents + flatFee.cents;
        }
        const tierBase = base;
        const tierBaseCents = baseCents !== void 0 && Number.isSafeInteger(baseCents) ? baseCents : void 0;
        tiers.push({ index, upTo, upToText: upTo === null ? null : typeof upTo === "number" ? String(upTo) : upTo.toFixed(), lower: lower2, unitPrice, flatFee, base: tierBase, baseCents: tierBaseCents });
        if (upTo !== null) {
          const width = new Dec(upTo).minus(lower2);
          base = base.plus(width.times(unitPrice.dec));
          baseCents = tierBaseCents !== void 0 && unitPrice.cents !== void 0 && typeof upTo === "number" && typeof lower2 === "number" ? tierBaseCents + unitPrice.cents * (upTo - lower2) : void 0;
          lower2 = upTo;
        }
      });
      return { kind: "tiered", mode: price.mode, tiers };
    }
    default: {
      const never = price;
      return never;
    }
  }
}
function buildPricingIndex(contract2) {
  const schedules = contract2.priceSchedules.map((s) => {
    const items = /* @__PURE__ */ new Map();
    for (const item of s.items) {
      const listPrice = item.listPrice === void 0 ? void 0 : preparePrice(money(item.listPrice));
      items.set(item.sku, { sku: item.sku, description: item.description, unit: item.unit, listPrice, rule: prepareRule(item, listPrice) });
    }
    return { id: s.id, effectiveFrom: s.effectiveFrom, effectiveTo: s.effectiveTo, rounding: s.rounding ?? "half-up", items };
  }).sort((a, b) => a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0);
  return { schedules };
}

// src/contracts/prepare-contract.ts
var indexes = /* @__PURE__ */ new WeakMap();
function isPreparedContract(value) {
  return typeof value === "object" && value !== null && indexes.has(value);
}
function contractIndex(contract2) {
  return indexes.get(contract2);
}
function prepareContract(input, root = "$.contract") {
  if (isPreparedContract(input)) return input;
  const parsed = ContractSchema.safeParse(input);
  const issues = parsed.success ? [] : zodIssues(parsed.error, root, input).map((i) => ({ ...i, code: "invalid-input" }));
  if (parsed.success) {
    const c = parsed.data;
    if (c.term.end < c.term.start) issues.push({ code: "invalid-input", path: `${root}.term.end`, message: `the term ends (${c.term.end}) before it starts (${c.term.start})` });
    c.term.renewals?.forEach((r, i) => {
      if (r.end < r.start) issues.push({ code: "invalid-input", path: `${root}.term.renewals[${i}].end`, message: `the renewal ends (${r.end}) before it starts (${r.start})` });
    });
    c.priceSchedules.forEach((s, i) => {
      if (s.effectiveTo !== void 0 && s.effectiveTo < s.effectiveFrom) {
        issues.push({ code: "invalid-input", path: `${root}.priceSchedules[${i}].effectiveTo`, message: `the schedule ends (${s.effectiveTo}) before it starts (${s.effectiveFrom})` });
      }
    });
  }
  issues.push(...findPricingIssues(input, root));
  if (issues.length > 0 || !parsed.success) throwIssues("Invalid contract", issues);
  const contract2 = deepFreeze(parsed.data);
  indexes.set(contract2, { contract: contract2, pricing: buildPricingIndex(contract2) });
  return contract2;
}

// src/compliance/threshold-table.ts
function moneyToCents(value) {
  const text = typeof value === "number" ? String(value) : value;
  let i = 0;
  let negative = false;
  if (text.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  let whole = 0;
  let fraction = 0;
  let fractionDigits = -1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      fractionDigits = 0;
      continue;
    }
    if (fractionDigits < 0) whole = whole * 10 + (c - 48);
    else if (fractionDigits < 2) {
      fraction = fraction * 10 + (c - 48);
      fractionDigits++;
    }
  }
  if (fractionDigits === 1) fraction *= 10;
  const cents = whole * 100 + fraction;
  return negative ? -cents : cents;
}
var MEMBER_KINDS = MemberKindSchema.options;
var SUPPLY_KINDS = PurchaseSupplyKindSchema.options;
function kindBit(kind, supply) {
  const i = (supply ? SUPPLY_KINDS : MEMBER_KINDS).indexOf(kind);
  return i < 0 ? 0 : 1 << i;
}
function kindBits(kinds, supply) {
  return kinds === void 0 ? -1 : kinds.reduce((bits, k) => bits | kindBit(k, supply), 0);
}
function buildThresholdTable(thresholds) {
  const groups = /* @__PURE__ */ new Map();
  for (const t of thresholds) {
    const period = {
      id: t.id,
      series: t.series,
      pack: t.pack,
      title: t.title,
      amount: t.amount === null ? null : formatMoney(parseMoney(t.amount)),
      amountCents: t.amount === null ? null : moneyToCents(formatMoney(parseMoney(t.amount))),
      comparison: t.comparison,
      effectiveFrom: t.effectiveFrom,
      effectiveTo: t.effectiveTo,
      fromDay: toDayNumber(t.effectiveFrom),
      toDay: t.effectiveTo === void 0 ? Number.POSITIVE_INFINITY : toDayNumber(t.effectiveTo),
      citation: t.citation,
      confidence: t.confidence,
      level: t.level,
      method: t.method,
      role: t.role ?? "limit",
      appliesTo: t.appliesTo,
      memberKindBits: kindBits(t.appliesTo?.memberKinds, false),
      supplyKindBits: kindBits(t.appliesTo?.supplyKinds, true),
      params: t.params
    };
    const list = groups.get(t.series) ?? [];
    list.push(period);
    groups.set(t.series, list);
  }
  const series = [...groups].map(([id, periods]) => {
    const sorted = [...periods].sort((a, b) => a.fromDay - b.fromDay);
    return Object.freeze({ id, periods: sorted, known: sorted.filter((p) => p.amountCents !== null) });
  });
  return Object.freeze({ series, byId: new Map(series.map((s) => [s.id, s])), byDay: /* @__PURE__ */ new Map() });
}
function lookupThreshold(series, day) {
  let inForce;
  for (const p of series.periods) {
    if (p.fromDay <= day && day <= p.toDay) {
      inForce = p;
      break;
    }
  }
  if (inForce && inForce.amountCents !== null) return { used: inForce, inForce, fallback: false };
  let latest;
  for (const p of series.known) if (p.fromDay <= day) latest = p;
  if (!latest) return void 0;
  return { used: latest, inForce, fallback: true };
}
function lookupAllThresholds(table, day) {
  let found = table.byDay.get(day);
  if (found) return found;
  found = table.series.map((s) => lookupThreshold(s, day));
  if (table.byDay.size >= 8192) table.byDay.clear();
  table.byDay.set(day, found);
  return found;
}
function isExceeded(cents, period) {
  const limit = period.amountCents;
  switch (period.comparison) {
    case ">":
      return cents > limit;
    case ">=":
      return cents >= limit;
    case "<=":
      return cents > limit;
    default: {
      const never = period.comparison;
      return never;
    }
  }
}

// src/compliance/required-method.ts
function methodRank(method) {
  switch (method) {
    case "none":
      return 0;
    case "quotes":
      return 1;
    case "informal-bid":
      return 2;
    default:
      return 3;
  }
}
function stricter(a, b) {
  return methodRank(b) > methodRank(a) ? b : a;
}
function applies(period, s, bits) {
  const a = period.appliesTo;
  if (!a) return true;
  if (period.memberKindBits !== -1 && (period.memberKindBits & bits.member) === 0) return false;
  if (a.memberIds && !a.memberIds.includes(s.member.id)) return false;
  if (period.supplyKindBits !== -1 && (period.supplyKindBits & bits.supply) === 0) return false;
  if (a.cupccaa !== void 0 && a.cupccaa !== s.cupccaaInForce) return false;
  if (a.federalFunds !== void 0 && a.federalFunds !== s.hasFederalFunds) return false;
  return true;
}
function fallbackFinding(period, inForce, date) {
  const label = inForce ? `${inForce.id}${inForce.title ? ` (${inForce.title})` : ""}` : `series ${period.series}`;
  return {
    code: "threshold-figure-unknown",
    severity: "warn",
    message: `No figure is known for ${label} on ${date}; the latest known figure, ${period.amount} in force from ${period.effectiveFrom} (${period.id}), was used. Check the figure announced for the date and update the pack.`,
    citation: (inForce ?? period).citation,
    ruleId: inForce?.id ?? period.series,
    pack: (inForce ?? period).pack,
    data: { series: period.series, date, usedThresholdId: period.id, usedAmount: period.amount }
  };
}
function computeRequiredMethods(table, s) {
  const findings = [];
  const steps = [];
  const day = toDayNumber(s.date);
  const bits = { member: kindBit(s.member.kind, false), supply: kindBit(s.purchase.supplyKind, true) };
  const lookups = lookupAllThresholds(table, day);
  const out = { state: "none", federal: "none", local: "none", overall: "none", thresholds: [] };
  let selfCertifiedCents;
  let ceiling;
  const selfCertified = s.member.federalMicroPurchaseThreshold;
  if (selfCertified && selfCertified.selfCertifiedOn <= s.date) {
    table.series.forEach((series, index) => {
      const found = lookups[index];
      if (series.periods[0]?.role === "self-certification-ceiling" && found && !found.fallback) ceiling = found.used;
    });
    if (ceiling) {
      selfCertifiedCents = moneyToCents(selfCertified.amount);
      if (selfCertifiedCents > ceiling.amountCents) {
        if (s.hasFederalFunds) {
          findings.push({
            code: "self-certified-threshold-above-ceiling",
            severity: "warn",
            message: `The member's self-certified micro-purchase threshold (${formatMoney(new Dec(String(selfCertified.amount)))}) is above the most a recipient may self-certify (${ceiling.amount}) without the cognizant agency's approval; the ceiling was used.`,
            citation: ceiling.citation,
            ruleId: ceiling.id,
            pack: ceiling.pack
          });
        }
        selfCertifiedCents = ceiling.amountCents;
      }
    }
  }
  for (let index = 0; index < table.series.length; index++) {
    const series = table.series[index];
    const found = lookups[index];
    if (!found) {
      const first = series.known[0] ?? series.periods[0];
      if (first && first.level !== void 0 && first.method !== void 0 && first.role !== "self-certification-ceiling" && applies(first, s, bits)) {
        findings.push({
          code: "threshold-figure-unknown",
          severity: "warn",
          message: `No figure of "${first.title ?? series.id}" is known for ${s.date} (the earliest is in force from ${first.effectiveFrom}); it was not applied.`,
          citation: first.citation,
          ruleId: series.id,
          pack: first.pack,
          data: { series: series.id, date: s.date }
        });
      }
      continue;
    }
    const period = found.used;
    if (period.level === void 0 || period.method === void 0 || period.role === "self-certification-ceiling") continue;
    const doesApply = applies(period, s, bits);
    let amount = period.amount;
    let cents = period.amountCents;
    let id = period.id;
    let citation = period.citation;
    if (period.role === "micro-purchase" && selfCertifiedCents !== void 0 && ceiling) {
      out.thresholds.push({
        id,
        amount,
        comparison: period.comparison,
        citation,
        applies: false,
        exceeded: isExceeded(s.cents, period),
        series: series.id,
        level: period.level,
        method: period.method,
        pack: period.pack,
        confidence: period.confidence,
        latestKnownUsed: found.fallback
      });
      id = "member.federalMicroPurchaseThreshold";
      cents = selfCertifiedCents;
      amount = formatMoney(new Dec(cents).dividedBy(100));
      citation = ceiling.citation;
    }
    const exceeded = period.comparison === ">=" ? s.cents >= cents : s.cents > cents;
    const check = {
      id,
      amount,
      comparison: period.comparison,
      citation,
      applies: doesApply,
      exceeded,
      series: series.id,
      level: period.level,
      method: period.method,
      pack: period.pack,
      confidence: period.confidence,
      latestKnownUsed: found.fallback
    };
    out.thresholds.push(check);
    if (doesApply && found.fallback) findings.push(fallbackFinding(period, found.inForce, s.date));
    if (doesApply && exceeded) {
      if (period.level === "state") out.state = stricter(out.state, period.method);
      else if (period.level === "federal") out.federal = stricter(out.federal, period.method);
      else out.local = stricter(out.local, period.method);
    }
    steps.push({ step: "threshold", id, pack: period.pack, passed: exceeded, detail: check });
  }
  out.overall = stricter(stricter(out.state, out.federal), out.local);
  return { methods: out, findings, steps };
}

// src/compliance/derive-facts.ts
function isCupccaaInForce(member, date) {
  const c = member.cupccaa;
  return c !== void 0 && c.optedIn && (c.since === void 0 || c.since <= date);
}
function hasFederalFunds(purchase2) {
  return purchase2.funding?.some((f) => f.source === "federal") ?? false;
}
function isContractInForce(contract2, date) {
  if (contract2.term.start <= date && date <= contract2.term.end) return { inForce: true, byUnexercisedRenewal: false };
  let byUnexercisedRenewal = false;
  for (const r of contract2.term.renewals ?? []) {
    if (r.start <= date && date <= r.end) {
      if (r.exercised) return { inForce: true, byUnexercisedRenewal: false };
      byUnexercisedRenewal = true;
    }
  }
  return { inForce: false, byUnexercisedRenewal };
}
function boardAuthorization(member, contract2, program2, category, date) {
  const required = program2?.boardAuthorizationRequiredFor.includes(member.kind) ?? false;
  let coversContract = false;
  let coversCategory = false;
  if (contract2) {
    for (const a of member.boardAuthorizations ?? []) {
      if (a.adoptedOn > date || a.expiresOn !== void 0 && date > a.expiresOn) continue;
      const { programIds, contractIds, categories } = a.scope;
      const named = programIds !== void 0 || contractIds !== void 0;
      if (named && !(programIds?.includes(contract2.programId) ?? false) && !(contractIds?.includes(contract2.id) ?? false)) continue;
      coversContract = true;
      if (category === void 0 || categories === void 0 || categories.includes(category)) coversCategory = true;
    }
  }
  return { required, coversContract, coversCategory };
}
var NO_CONTRACT = Object.freeze({ given: false });
var contractFacts = /* @__PURE__ */ new WeakMap();
function contractFactOf(contract2, program2, asOf) {
  const cacheable = isPreparedContract(contract2);
  let byDate = cacheable ? contractFacts.get(contract2) : void 0;
  const cached2 = byDate?.get(asOf);
  if (cached2 && cached2["program"] === program2) return cached2;
  const term = isContractInForce(contract2, asOf);
  const fact = Object.assign({}, contract2, {
    given: true,
    programKnown: program2 !== void 0,
    inForce: term.inForce,
    inForceByUnexercisedRenewal: term.byUnexercisedRenewal,
    states: contract2.eligibleStates ?? ["CA"],
    categoriesInProgram: program2 === void 0 || contract2.categories.every((c) => program2.categories.some((pc) => pc.id === c)),
    competitivelySolicited: contract2.solicitation.kind !== "other"
  });
  if (cacheable) {
    Object.defineProperty(fact, "program", { value: program2, enumerable: false });
    deepFreezeShallowArrays(fact);
    if (!byDate) contractFacts.set(contract2, byDate = /* @__PURE__ */ new Map());
    if (byDate.size >= 366) byDate.clear();
    byDate.set(asOf, fact);
  }
  return fact;
}
function deepFreezeShallowArrays(fact) {
  Object.freeze(fact["states"]);
  Object.freeze(fact);
}
function checkReferences(member, contract2, purchase2, root = "$") {
  if (purchase2 && purchase2.memberId !== member.id) {
    throw new PaceError("invalid-input", `${root}.purchase.memberId: the purchase is of member "${purchase2.memberId}", not of the member given ("${member.id}")`, [
      { path: `${root}.purchase.memberId`, message: `expected "${member.id}" (the member given)` }
    ]);
  }
  if (purchase2 && contract2 && purchase2.contractId !== void 0 && purchase2.contractId !== contract2.id) {
    throw new PaceError("invalid-input", `${root}.purchase.contractId: the purchase cites contract "${purchase2.contractId}", not the contract given ("${contract2.id}")`, [
      { path: `${root}.purchase.contractId`, message: `expected "${contract2.id}" (the contract given)` }
    ]);
  }
}
function deriveFacts(table, programs, input, withMethods = true) {
  const { member, contract: contract2, purchase: purchase2, asOf } = input;
  const program2 = contract2 ? programs.get(contract2.programId) : void 0;
  const category = purchase2?.category;
  const membership = member.membership;
  const cupccaaInForce = isCupccaaInForce(member, asOf);
  const memberFact = {
    id: member.id,
    name: member.name,
    kind: member.kind,
    districtType: member.districtType,
    state: member.state,
    averageDailyAttendance: member.averageDailyAttendance,
    membership,
    boardAuthorizations: member.boardAuthorizations,
    cupccaa: member.cupccaa,
    federalMicroPurchaseThreshold: member.federalMicroPurchaseThreshold,
    meta: member.meta,
    isMemberOfProgram: membership !== void 0 && (contract2 === void 0 || membership.programId === contract2.programId),
    membershipInForce: membership !== void 0 && membership.since <= asOf && (membership.until === void 0 || asOf <= membership.until),
    feesPaid: membership?.feesPaidThrough !== void 0 && membership.feesPaidThrough >= asOf,
    averageDailyAttendanceGiven: member.averageDailyAttendance !== void 0,
    cupccaaInForce,
    boardAuthorization: boardAuthorization(member, contract2, program2, category, asOf)
  };
  const contractFact = contract2 ? contractFactOf(contract2, program2, asOf) : NO_CONTRACT;
  let purchaseFact = { given: false };
  let required;
  if (purchase2) {
    const cents = moneyToCents(purchase2.amount);
    const federal = hasFederalFunds(purchase2);
    let federalCents = 0;
    for (const f of purchase2.funding ?? []) if (f.source === "federal") federalCents += moneyToCents(f.amount);
    if (withMethods) {
      required = computeRequiredMethods(table, { member, purchase: purchase2, date: purchase2.date, cents, hasFederalFunds: federal, cupccaaInForce: isCupccaaInForce(member, purchase2.date) });
    }
    purchaseFact = {
      id: purchase2.id,
      memberId: purchase2.memberId,
      date: purchase2.date,
      amount: purchase2.amount,
      supplyKind: purchase2.supplyKind,
      category,
      contractId: purchase2.contractId,
      vendorId: purchase2.vendorId,
      description: purchase2.description,
      funding: purchase2.funding,
      emergency: purchase2.emergency,
      documents: purchase2.documents,
      meta: purchase2.meta,
      given: true,
      amountCents: cents,
      federalAmountCents: federalCents,
      hasFederalFunds: federal,
      documentKinds: (purchase2.documents ?? []).map((d) => d.kind),
      categoryInContract: category === void 0 || contract2 === void 0 || contract2.categories.includes(category),
      categoryInProgram: category === void 0 || program2 === void 0 || program2.categories.some((c) => c.id === category),
      requiredMethod: required?.methods.overall,
      stateMethod: required?.methods.state,
      federalMethod: required?.methods.federal,
      localMethod: required?.methods.local,
      competitionRequired: required === void 0 ? void 0 : required.methods.overall !== "none"
    };
  }
  const facts = { member: memberFact, contract: contractFact, purchase: purchaseFact, program: program2 ?? {}, asOf };
  return { facts, required };
}

// src/compliance/facts-step.ts
function factsStep(facts) {
  const m = facts.member;
  const c = facts.contract;
  const p = facts.purchase;
  return {
    step: "facts",
    id: "derived",
    detail: {
      asOf: facts.asOf,
      member: { isMemberOfProgram: m["isMemberOfProgram"], membershipInForce: m["membershipInForce"], feesPaid: m["feesPaid"], cupccaaInForce: m["cupccaaInForce"], boardAuthorization: m["boardAuthorization"] },
      contract: c["given"] ? { inForce: c["inForce"], inForceByUnexercisedRenewal: c["inForceByUnexercisedRenewal"], programKnown: c["programKnown"], competitivelySolicited: c["competitivelySolicited"] } : { given: false },
      purchase: p["given"] ? { amountCents: p["amountCents"], hasFederalFunds: p["hasFederalFunds"], requiredMethod: p["requiredMethod"], stateMethod: p["stateMethod"], federalMethod: p["federalMethod"], localMethod: p["localMethod"] } : { given: false }
    }
  };
}

// src/compliance/parse-input.ts
function parseArgs(value, capability, allowed, requiredFields) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new PaceError("invalid-input", `${capability} expects an object { ${allowed.join(", ")} }`, [{ path: "$", message: `expected an object with ${requiredFields.join(", ")}` }]);
  }
  const record3 = value;
  let ok = true;
  for (const k in record3) if (!allowed.includes(k)) ok = false;
  for (const f of requiredFields) if (record3[f] === void 0) ok = false;
  if (ok) return record3;
  const issues = [
    ...requiredFields.filter((f) => record3[f] === void 0).map((f) => ({ path: `$.${f}`, message: "required" })),
    ...Object.keys(record3).filter((k) => !allowed.includes(k)).map((k) => ({ path: `$.${k}`, message: `unknown field "${k}" (expected ${allowed.join(", ")})` }))
  ];
  throw new PaceError("invalid-input", `${capability}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
}
var fastMember = inputParser(MemberSchema);
var fastPurchase = inputParser(PurchaseSchema);
function parseMember(value, root = "$.member") {
  const fast = fastMember(value);
  return fast !== REFUSED ? fast : parseWith(MemberSchema, value, root, "member");
}
function parsePurchase(value, root = "$.purchase") {
  const fast = fastPurchase(value);
  return fast !== REFUSED ? fast : parseWith(PurchaseSchema, value, root, "purchase");
}
function parseContract(value, root = "$.contract") {
  return prepareContract(value, root);
}
function parseAsOf(value, root = "$.asOf") {
  return isCalendarDate(value) ? value : parseWith(CalendarDateSchema, value, root, "date", "invalid-date");
}

// src/compliance/rule-sets.ts
var FINDING_EVENT = "finding";
var SEVERITIES = /* @__PURE__ */ new Set(["block", "warn", "info"]);
var METHOD_FACT_PATHS = /"\$\.(?:requiredMethod|stateMethod|federalMethod|localMethod|competitionRequired)"/;
function readsRequiredMethods(conditions) {
  return conditions.some((c) => METHOD_FACT_PATHS.test(JSON.stringify(c)));
}
var cache = /* @__PURE__ */ new WeakMap();
function rulePath(context, rule) {
  const packIndex = context.packs.findIndex((p) => p.id === rule.pack);
  const ruleIndex = context.packs[packIndex]?.rules?.findIndex((r) => r.id === rule.id) ?? -1;
  return `$.packs[${packIndex}].rules[${ruleIndex}]`;
}
function buildRuleSet(context, capabilities, issues) {
  const rules = capabilities.flatMap((capability) => context.rules.filter((r) => r.capability === capability));
  const templates = rules.map((rule) => {
    if (rule.event.type !== FINDING_EVENT) return void 0;
    const params = rule.event.params ?? {};
    const at = `${rulePath(context, rule)}.event.params`;
    const code = params["code"] ?? rule.id;
    const severity = params["severity"] ?? "block";
    const message = params["message"] ?? rule.description ?? code;
    const citation = params["citation"] ?? rule.citation;
    if (typeof code !== "string" || code === "") issues.push({ path: `${at}.code`, message: 'a finding needs a non-empty string "code"' });
    if (typeof severity !== "string" || !SEVERITIES.has(severity)) issues.push({ path: `${at}.severity`, message: 'the severity of a finding must be "block", "warn" or "info" (default "block")' });
    if (typeof message !== "string" || message === "") issues.push({ path: `${at}.message`, message: "the message of a finding must be a non-empty string" });
    if (citation !== void 0 && typeof citation !== "string") issues.push({ path: `${at}.citation`, message: "a citation must be a string" });
    return { code: String(code), severity, message: String(message), citation };
  });
  const compiled = compileRules(rules.map((r) => ({ name: r.id, conditions: r.conditions, event: r.event, ...r.priority !== void 0 ? { priority: r.priority } : {} })));
  const makeStep = (index, passed, conditions) => {
    const rule = rules[index];
    return { step: "rule", id: rule.id, pack: rule.pack, passed, conditions };
  };
  return { rules, templates, compiled, readsRequiredMethods: readsRequiredMethods(rules.map((r) => r.conditions)), makeStep };
}
function complianceContext(context) {
  let found = cache.get(context);
  if (found) return found;
  const issues = [];
  const eligibility = buildRuleSet(context, ["eligibility"], issues);
  const procurement = buildRuleSet(context, ["procurement"], []);
  const usability = buildRuleSet(context, ["eligibility", "procurement"], issues);
  const audit = buildRuleSet(context, ["audit"], issues);
  if (issues.length > 0) throw new PaceError("invalid-pack", formatIssues("A rule emits a malformed finding", issues), issues);
  const items = context.checklist;
  const checklist = {
    items,
    compiled: compileRules(items.map((item) => ({ name: item.id, conditions: item.requiredWhen, event: { type: item.id } }))),
    readsRequiredMethods: readsRequiredMethods(items.map((i) => i.requiredWhen)),
    decidedByPaths: items.map((i) => i.decidedBy ? parsePath(i.decidedBy.path) : void 0)
  };
  found = Object.freeze({ eligibility, procurement, usability, audit, checklist, thresholds: buildThresholdTable(context.thresholds) });
  cache.set(context, found);
  return found;
}
function runRuleSet(set, facts, findings, trace) {
  const fired = [];
  runCompiledInto(set.compiled, facts, fired, trace, set.makeStep);
  for (let i = 0; i < fired.length; i++) {
    const index = fired[i];
    const template = set.templates[index];
    if (!template) continue;
    const rule = set.rules[index];
    const finding = { code: template.code, severity: template.severity, message: template.message, ruleId: rule.id, pack: rule.pack };
    if (template.citation !== void 0) finding.citation = template.citation;
    findings.push(finding);
  }
}

// src/compliance/decide.ts
var GIVEN_FIELDS = ["member", "contract", "asOf", "purchase"];
var GIVEN_REQUIRED = ["member", "contract", "asOf"];
var PURCHASE_FIELDS = ["member", "purchase", "contract"];
var PURCHASE_REQUIRED = ["member", "purchase"];
function parseSubject(input, spec) {
  const byDate = spec.asOf === "given";
  const args = parseArgs(input, spec.capability, byDate ? GIVEN_FIELDS : PURCHASE_FIELDS, byDate ? GIVEN_REQUIRED : PURCHASE_REQUIRED);
  const member = parseMember(args["member"]);
  const parseContractArg = () => args["contract"] === void 0 ? void 0 : parseContract(args["contract"]);
  const parsePurchaseArg = () => args["purchase"] === void 0 ? void 0 : parsePurchase(args["purchase"]);
  let subject;
  if (byDate) {
    const contract2 = parseContractArg();
    const asOf = parseAsOf(args["asOf"]);
    subject = { member, contract: contract2, purchase: parsePurchaseArg(), asOf };
  } else {
    const purchase2 = parsePurchaseArg();
    subject = { member, contract: parseContractArg(), purchase: purchase2, asOf: purchase2.date };
  }
  checkReferences(subject.member, subject.contract, subject.purchase);
  return subject;
}
function decide(context, input, spec) {
  const subject = parseSubject(input, spec);
  const compliance = complianceContext(context);
  const rules = spec.rules(compliance, subject);
  const withMethods = rules.readsRequiredMethods || spec.needsMethods(compliance, rules);
  const { facts, required } = deriveFacts(compliance.thresholds, context.programs, subject, withMethods);
  const findings = required ? [...required.findings] : [];
  const trace = required ? [...required.steps] : [];
  trace.push(factsStep(facts));
  runRuleSet(rules, facts, findings, trace);
  return { compliance, subject, facts, methods: required?.methods, findings, trace };
}

// src/eligibility/check-eligibility.ts
function checkEligibility(context, input) {
  const { findings, trace } = decide(context, input, ELIGIBILITY);
  return { eligible: !findings.some((f) => f.severity === "block"), findings, trace, rulesVersion: context.rulesVersion };
}
var ELIGIBILITY = {
  capability: "checkEligibility",
  asOf: "given",
  rules: (compliance) => compliance.eligibility,
  needsMethods: () => false
};

// src/thresholds/procurement-method.ts
function procurementMethod(context, input) {
  const run2 = decide(context, input, PROCUREMENT);
  const { findings, trace } = run2;
  const contract2 = run2.subject.contract;
  const methods = run2.methods;
  let method = methods.overall;
  let contractUsable;
  if (contract2) {
    contractUsable = !findings.some((f) => f.severity === "block");
    if (contractUsable && methods.overall !== "none") method = "cooperative-contract";
  }
  const detail = { state: methods.state, federal: methods.federal, local: methods.local, overall: methods.overall, method };
  if (contractUsable !== void 0) detail["contractUsable"] = contractUsable;
  trace.push({ step: "decision", id: "procurement-method", detail });
  const decision = {
    method,
    requiresFormalBid: methods.overall === "formal-bid",
    thresholds: methods.thresholds,
    required: { state: methods.state, federal: methods.federal, local: methods.local, overall: methods.overall },
    findings,
    trace,
    rulesVersion: context.rulesVersion
  };
  if (contractUsable !== void 0) decision.contractUsable = contractUsable;
  return decision;
}
var PROCUREMENT = {
  capability: "procurementMethod",
  asOf: "purchase-date",
  // With a contract: eligibility and procurement rules in one run decide whether it is usable.
  rules: (compliance, subject) => subject.contract ? compliance.usability : compliance.procurement,
  needsMethods: () => true
};

// src/audit/audit-checklist.ts
function auditChecklist(context, input) {
  const { compliance, subject, facts, findings, trace } = decide(context, input, AUDIT);
  const purchase2 = subject.purchase;
  const onFile = new Set((purchase2.documents ?? []).map((d) => d.kind));
  const run2 = compliance.checklist.compiled.run(facts, { trace: true });
  const fired = new Set(run2.firedRuleIndexes);
  const items = [];
  const missing = [];
  compliance.checklist.items.forEach((item, index) => {
    const required = fired.has(index);
    let status = "not-applicable";
    let decidedBy = "documents";
    if (required) {
      if (item.decidedBy) {
        decidedBy = "data";
        const fact = Object.hasOwn(facts, item.decidedBy.fact) ? facts[item.decidedBy.fact] : void 0;
        const value = resolvePath(fact, compliance.checklist.decidedByPaths[index]) === true;
        status = value ? "on-file" : "missing";
        if (!value && onFile.has(item.id)) {
          findings.push({
            code: "document-contradicts-data",
            severity: "warn",
            message: `The purchase's documents list "${item.id}", but the data says otherwise (${item.decidedBy.fact}${item.decidedBy.path.slice(1)} is not true on the PO date); the data wins.`,
            citation: item.citation,
            ruleId: item.id,
            pack: item.pack
          });
        }
      } else {
        status = onFile.has(item.id) ? "on-file" : "missing";
      }
      if (status === "missing") {
        missing.push(item.id);
        findings.push({ code: "checklist-item-missing", severity: "warn", message: `Missing from the audit file: ${item.title}.`, citation: item.citation, ruleId: item.id, pack: item.pack });
      }
    }
    items.push({ id: item.id, title: item.title, citation: item.citation, required, status, pack: item.pack, decidedBy });
  });
  for (const step of run2.trace ?? []) {
    const item = compliance.checklist.items[step.ruleIndex];
    trace.push({ step: "checklist-item", id: item.id, pack: item.pack, passed: step.passed, conditions: step.conditions, detail: { status: items[step.ruleIndex].status } });
  }
  return { items, complete: missing.length === 0, missing, findings, trace, rulesVersion: context.rulesVersion };
}
var AUDIT = {
  capability: "auditChecklist",
  asOf: "purchase-date",
  rules: (compliance) => compliance.audit,
  needsMethods: (compliance) => compliance.checklist.readsRequiredMethods
};

// src/audit/find-split-purchases.ts
var SUPPLY_KINDS2 = new Set(PurchaseSupplyKindSchema.options);
function parseOptions(options) {
  if (options === void 0) return { days: void 0 };
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new PaceError("invalid-input", "findSplitPurchases: options must be an object { window? }", [{ path: "$.options", message: 'expected an object { window?: "fiscal-year" | { days } }' }]);
  }
  const o = options;
  for (const k of Object.keys(o)) {
    if (k !== "window") throw new PaceError("invalid-input", `findSplitPurchases: unknown option "${k}"`, [{ path: `$.options.${k}`, message: "unknown option (expected window)" }]);
  }
  const w = o["window"];
  if (w === void 0 || w === "fiscal-year") return { days: void 0 };
  if (w !== null && typeof w === "object" && !Array.isArray(w)) {
    const keys = Object.keys(w);
    const days = w["days"];
    if (keys.length === 1 && typeof days === "number" && Number.isSafeInteger(days) && days >= 0) return { days };
    throw new PaceError("invalid-input", "findSplitPurchases: window.days must be a whole number of days, zero or more", [{ path: "$.options.window.days", message: "expected a whole number of days, zero or more" }]);
  }
  throw new PaceError("invalid-input", 'findSplitPurchases: window must be "fiscal-year" or { days }', [{ path: "$.options.window", message: 'expected "fiscal-year" or { days: number }' }]);
}
function centsToMoney(cents) {
  if (Number.isSafeInteger(cents)) {
    const whole = Math.floor(cents / 100);
    const frac = cents - whole * 100;
    return `${whole}.${frac < 10 ? "0" : ""}${frac}`;
  }
  return formatMoney(new Dec(cents).dividedBy(100));
}
function lower(a, b) {
  if (b.amountCents < a.amountCents) return b;
  if (b.amountCents === a.amountCents && b.comparison === ">=" && a.comparison !== ">=") return b;
  return a;
}
function findSplitPurchases(context, purchases, options) {
  if (!Array.isArray(purchases)) {
    throw new PaceError("invalid-input", "findSplitPurchases expects an array of purchases", [{ path: "$.purchases", message: "expected an array of purchases" }]);
  }
  const { days: windowDays } = parseOptions(options);
  const table = complianceContext(context).thresholds;
  const seriesByKind = /* @__PURE__ */ new Map();
  for (const kind of SUPPLY_KINDS2) {
    seriesByKind.set(
      kind,
      table.series.filter(
        (s) => s.periods.some((p) => p.level === "state" && p.method === "formal-bid" && p.appliesTo?.cupccaa !== true && p.appliesTo?.federalFunds !== true && p.appliesTo?.memberIds === void 0 && (p.appliesTo?.supplyKinds?.includes(kind) ?? true))
      )
    );
  }
  const limitCaches = /* @__PURE__ */ new Map();
  const limitOn = (kind, day) => {
    let cache2 = limitCaches.get(kind);
    if (!cache2) limitCaches.set(kind, cache2 = /* @__PURE__ */ new Map());
    let found = cache2.get(day);
    if (found !== void 0) return found;
    found = null;
    for (const s of seriesByKind.get(kind) ?? []) {
      const hit = lookupThreshold(s, day);
      if (hit) found = found === null ? hit.used : lower(found, hit.used);
    }
    cache2.set(day, found);
    return found;
  };
  const n2 = purchases.length;
  const rows = new Array(n2);
  const dayOf = new Int32Array(n2);
  const centsOf2 = new Float64Array(n2);
  const limitOf = new Array(n2);
  const dayCache = /* @__PURE__ */ new Map();
  const buckets = /* @__PURE__ */ new Map();
  for (let i = 0; i < n2; i++) {
    const p = parsePurchase(purchases[i], `$.purchases[${i}]`);
    if (p.contractId !== void 0) continue;
    let day = dayCache.get(p.date);
    if (day === void 0) {
      day = toDayNumber(p.date);
      dayCache.set(p.date, day);
    }
    const limit = limitOn(p.supplyKind, day);
    if (limit === null) continue;
    const cents = moneyToCents(p.amount);
    if (isExceeded(cents, limit)) continue;
    rows[i] = p;
    dayOf[i] = day;
    centsOf2[i] = cents;
    limitOf[i] = limit;
    let byVendor = buckets.get(p.memberId);
    if (!byVendor) buckets.set(p.memberId, byVendor = /* @__PURE__ */ new Map());
    let byKind = byVendor.get(p.vendorId);
    if (!byKind) byVendor.set(p.vendorId, byKind = /* @__PURE__ */ new Map());
    const list = byKind.get(p.supplyKind);
    if (list) list.push(i);
    else byKind.set(p.supplyKind, [i]);
  }
  const out = [];
  const byDateThenId = (a, b) => dayOf[a] - dayOf[b] || compareText(rows[a].id, rows[b].id);
  for (const memberId of [...buckets.keys()].sort(compareText)) {
    const byVendor = buckets.get(memberId);
    const vendors = [...byVendor.keys()].sort((a, b) => a === void 0 ? b === void 0 ? 0 : -1 : b === void 0 ? 1 : compareText(a, b));
    for (const vendorId of vendors) {
      const byKind = byVendor.get(vendorId);
      for (const kind of [...byKind.keys()].sort(compareText)) {
        const list = byKind.get(kind);
        if (list.length < 2) continue;
        list.sort(byDateThenId);
        let start = 0;
        while (start < list.length) {
          let end = start + 1;
          if (windowDays === void 0) {
            const fy = fiscalStartYear(rows[list[start]].date);
            while (end < list.length && fiscalStartYear(rows[list[end]].date) === fy) end++;
          } else {
            while (end < list.length && dayOf[list[end]] - dayOf[list[end - 1]] <= windowDays) end++;
          }
          if (end - start > 1) report(list.slice(start, end), rows, centsOf2, limitOf, out);
          start = end;
        }
      }
    }
  }
  return out;
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function fiscalStartYear(date) {
  const year = Number(date.slice(0, 4));
  const month = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  return month >= 7 ? year : year - 1;
}
function report(group, rows, centsOf2, limitOf, out) {
  let total = 0;
  let limit = limitOf[group[0]];
  for (const i of group) {
    total += centsOf2[i];
    limit = lower(limit, limitOf[i]);
  }
  let totalText;
  if (Number.isSafeInteger(total)) {
    if (!isExceeded(total, limit)) return;
    totalText = centsToMoney(total);
  } else {
    let sum = new Dec(0);
    for (const i of group) sum = sum.plus(String(rows[i].amount));
    totalText = formatMoney(sum);
  }
  const first = rows[group[0]];
  const group_ = {
    memberId: first.memberId,
    supplyKind: first.supplyKind,
    purchaseIds: group.map((i) => rows[i].id),
    total: totalText,
    threshold: limit.amount,
    // The anti-splitting section the pack names for this limit, then the limit's own citation.
    citation: typeof limit.params?.["splittingCitation"] === "string" ? `${limit.params["splittingCitation"]}; limit: ${limit.citation}` : limit.citation,
    from: first.date,
    to: rows[group[group.length - 1]].date,
    thresholdId: limit.id,
    comparison: limit.comparison
  };
  if (first.vendorId !== void 0) group_.vendorId = first.vendorId;
  out.push(group_);
}

// src/pricing/cents.ts
function tooLarge() {
  return new PaceError("invalid-quantity", "An amount exceeds 90,071,992,547,409.91 dollars, beyond what pace-rules prices exactly; check the quantities", [
    { path: "$", message: "amount too large to price exactly" }
  ]);
}
function checkedCents(value) {
  if (!Number.isSafeInteger(value)) throw tooLarge();
  return value;
}
function addCents(a, b) {
  return checkedCents(a + b);
}
function formatCents(cents) {
  const negative = cents < 0;
  const abs = negative ? -cents : cents;
  const whole = Math.floor(abs / 100);
  const fraction = abs - whole * 100;
  return `${negative ? "-" : ""}${whole}${fraction < 10 ? ".0" : "."}${fraction}`;
}
function decToCents(amount, mode) {
  const cents = amount.times(100).toDecimalPlaces(0, mode === "half-even" ? ROUND_HALF_EVEN : ROUND_HALF_UP);
  if (cents.abs().greaterThan(Number.MAX_SAFE_INTEGER)) throw tooLarge();
  return cents.toNumber();
}
function divideRounded(numerator, denominator, mode) {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator <= 0) return void 0;
  const floor = Math.floor(numerator / denominator);
  const twice = 2 * (numerator - floor * denominator);
  if (twice < denominator) return floor;
  if (twice > denominator) return floor + 1;
  return mode === "half-even" && floor % 2 === 0 ? floor : floor + 1;
}

// src/pricing/citations.ts
var PRICING_SOURCE = "pace-rules/pricing";
var SAME_TERMS_CITATION = "Cal. Pub. Cont. Code \xA7 20118";

// src/pricing/price-line.ts
function selectTier(tiers, tierQuantity) {
  const last = tiers.length - 1;
  for (let i = 0; i < last; i++) {
    const tier = tiers[i];
    const upTo = tier.upTo;
    if (typeof tierQuantity === "number" && typeof upTo === "number" ? tierQuantity <= upTo : compareQty(tierQuantity, upTo) <= 0) return tier;
  }
  return tiers[last];
}
function isZero(q) {
  return typeof q === "number" ? q === 0 : q.isZero();
}
function unitCents(price, quantity, mode) {
  if (price.cents !== void 0 && typeof quantity === "number") {
    const exact = price.cents * quantity;
    if (Number.isSafeInteger(exact)) return exact;
  }
  return decToCents(price.dec.times(qtyToDec(quantity)), mode);
}
function volumeCents(tier, quantity, tierQuantity, mode) {
  const fee = tier.flatFee;
  if (fee === void 0 || fee.dec.isZero()) return unitCents(tier.unitPrice, quantity, mode);
  if (isZero(quantity)) return 0;
  const price = tier.unitPrice;
  if (price.cents !== void 0 && fee.cents !== void 0 && typeof quantity === "number" && typeof tierQuantity === "number") {
    if (quantity === tierQuantity) {
      const exact = price.cents * quantity + fee.cents;
      if (Number.isSafeInteger(exact)) return exact;
    } else {
      const rounded = divideRounded((price.cents * tierQuantity + fee.cents) * quantity, tierQuantity, mode);
      if (rounded !== void 0) return rounded;
    }
  }
  const q = qtyToDec(quantity);
  const feeShare = compareQty(quantity, tierQuantity) === 0 ? fee.dec : fee.dec.times(q).dividedBy(qtyToDec(tierQuantity));
  return decToCents(price.dec.times(q).plus(feeShare), mode);
}
function ladderCents(tier, tierQuantity) {
  if (tier.baseCents === void 0 || tier.unitPrice.cents === void 0 || typeof tierQuantity !== "number" || typeof tier.lower !== "number") return void 0;
  const total = tier.baseCents + tier.unitPrice.cents * (tierQuantity - tier.lower);
  return Number.isSafeInteger(total) ? total : void 0;
}
function ladderTotal(tiers, tierQuantity) {
  if (isZero(tierQuantity)) return new Dec(0);
  const tier = selectTier(tiers, tierQuantity);
  return tier.base.plus(tier.unitPrice.dec.times(qtyToDec(tierQuantity).minus(qtyToDec(tier.lower))));
}
function graduatedCents(tiers, quantity, tierQuantity, mode) {
  if (isZero(tierQuantity) || isZero(quantity)) return 0;
  const whole = ladderCents(selectTier(tiers, tierQuantity), tierQuantity);
  if (whole !== void 0 && typeof quantity === "number" && typeof tierQuantity === "number") {
    if (quantity === tierQuantity) return whole;
    const rounded = divideRounded(whole * quantity, tierQuantity, mode);
    if (rounded !== void 0) return rounded;
  }
  const ladder = ladderTotal(tiers, tierQuantity);
  return decToCents(compareQty(quantity, tierQuantity) === 0 ? ladder : ladder.times(qtyToDec(quantity)).dividedBy(qtyToDec(tierQuantity)), mode);
}
function amountCents(item, quantity, tierQuantity, mode) {
  const rule = item.rule;
  switch (rule.kind) {
    case "fixed":
    case "discount":
      return unitCents(rule.unitPrice, quantity, mode);
    case "tiered":
      return rule.mode === "volume" ? volumeCents(selectTier(rule.tiers, tierQuantity), quantity, tierQuantity, mode) : graduatedCents(rule.tiers, quantity, tierQuantity, mode);
    default: {
      const never = rule;
      return never;
    }
  }
}
function graduatedAverageText(tiers, tierQuantity) {
  if (isZero(tierQuantity)) return tiers[0].unitPrice.text;
  const average = ladderTotal(tiers, tierQuantity).dividedBy(qtyToDec(tierQuantity)).toDecimalPlaces(6, ROUND_HALF_UP);
  return average.decimalPlaces() <= 2 ? average.toFixed(2) : average.toFixed();
}
function findVolumeCliff(tiers, quantity, tierQuantity, currentCents, mode) {
  const current = selectTier(tiers, tierQuantity);
  let best;
  for (let k = current.index; k < tiers.length - 1; k++) {
    const bound = tiers[k].upTo;
    const next = typeof bound === "number" ? bound + 1 : normaliseQty(bound.floor().plus(1));
    const extra = typeof next === "number" && typeof tierQuantity === "number" ? next - tierQuantity : normaliseQty(qtyToDec(next).minus(qtyToDec(tierQuantity)));
    const bigger = typeof extra === "number" && typeof quantity === "number" ? quantity + extra : normaliseQty(qtyToDec(quantity).plus(qtyToDec(extra)));
    const tier = selectTier(tiers, next);
    const cents = volumeCents(tier, bigger, next, mode);
    if (cents < currentCents && (best === void 0 || cents < best.cents)) best = { quantity: bigger, tierQuantity: next, tier, cents };
  }
  return best === void 0 ? void 0 : { ...best, cents: checkedCents(best.cents) };
}

// src/pricing/read-pricing-input.ts
var BILLED_PRICE_DECIMALS = 6;
function describe2(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? JSON.stringify(value) : typeof value;
}
function readObject(value, path, allowed, what, issues) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    issues.push({ code: "invalid-input", path, message: `expected ${what} (an object), got ${describe2(value)}` });
    return void 0;
  }
  const record3 = value;
  for (const key in record3) {
    if (!allowed.has(key)) issues.push({ code: "invalid-input", path: toJsonPath([key], path), message: `unknown field ${JSON.stringify(key)} (check the spelling; put your own data under "meta")` });
  }
  return record3;
}
function readDate(value, path, issues) {
  if (isCalendarDate(value)) return value;
  issues.push({ code: value === void 0 ? "invalid-input" : "invalid-date", path, message: value === void 0 ? "required: a date as YYYY-MM-DD" : `expected a real calendar date as YYYY-MM-DD, got ${describe2(value)}` });
  return void 0;
}
var LINE_FIELDS = /* @__PURE__ */ new Set(["sku", "quantity", "meta"]);
var INVOICE_LINE_FIELDS = /* @__PURE__ */ new Set(["sku", "quantity", "unitPrice", "description", "meta"]);
function readLines(value, path, issues, kind) {
  if (!Array.isArray(value) || value.length === 0) {
    issues.push({ code: "invalid-input", path, message: Array.isArray(value) ? "expected at least one line" : `expected a non-empty array of lines, got ${describe2(value)}` });
    return [];
  }
  const lines = [];
  const seen = kind === "order" ? /* @__PURE__ */ new Map() : void 0;
  for (let i = 0; i < value.length; i++) {
    const at = `${path}[${i}]`;
    const raw = value[i];
    const line = readObject(raw, at, kind === "order" ? LINE_FIELDS : INVOICE_LINE_FIELDS, "a line { sku, quantity }", issues);
    if (!line) continue;
    const sku = line["sku"];
    const okSku = typeof sku === "string" && sku.length > 0;
    if (!okSku) issues.push({ code: "invalid-input", path: `${at}.sku`, message: `expected a non-empty sku, got ${describe2(sku)}` });
    const quantity = line["quantity"] === void 0 ? void 0 : readQty(line["quantity"], `${at}.quantity`, issues);
    if (line["quantity"] === void 0) issues.push({ code: "invalid-input", path: `${at}.quantity`, message: 'required: a quantity such as 12 or "7.5"' });
    let unitPrice;
    if (kind === "invoice") {
      try {
        if (line["unitPrice"] === void 0) issues.push({ code: "invalid-input", path: `${at}.unitPrice`, message: 'required: the billed unit price, such as "19.99"' });
        else {
          unitPrice = parseDecimal(line["unitPrice"], `${at}.unitPrice`, BILLED_PRICE_DECIMALS, "invalid-money");
          if (unitPrice.isNegative()) {
            issues.push({ code: "invalid-money", path: `${at}.unitPrice`, message: "a billed unit price must be zero or more" });
            unitPrice = void 0;
          }
        }
      } catch (e) {
        for (const issue of e.issues) issues.push({ code: "invalid-money", ...issue });
      }
    }
    if (!okSku || quantity === void 0 || kind === "invoice" && unitPrice === void 0) continue;
    if (seen) {
      const first = seen.get(sku);
      if (first !== void 0) {
        issues.push({ code: "invalid-input", path: `${at}.sku`, message: `sku "${sku}" is already ordered at ${first}; put the whole quantity on one line` });
        continue;
      }
      seen.set(sku, at);
    }
    lines.push(unitPrice === void 0 ? { sku, quantity, path: at } : { sku, quantity, path: at, unitPrice });
  }
  return lines;
}
function readTierQuantities(value, path, issues) {
  if (value === void 0) return void 0;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    issues.push({ code: "invalid-input", path, message: `expected an object of quantities by sku, got ${describe2(value)}` });
    return void 0;
  }
  const out = /* @__PURE__ */ new Map();
  for (const [sku, raw] of Object.entries(value)) {
    const at = toJsonPath([sku], path);
    const quantity = readQty(raw, at, issues);
    if (quantity !== void 0) out.set(sku, { quantity, path: at });
  }
  return out;
}
function tierQuantitiesOf(lines, given, issues) {
  const own = /* @__PURE__ */ new Map();
  for (const line of lines) {
    const before = own.get(line.sku);
    own.set(line.sku, before === void 0 ? line.quantity : addQty(before, line.quantity));
  }
  if (given === void 0) return { own, tier: own };
  const tier = new Map(own);
  for (const [sku, ownQuantity] of own) {
    const entry = given.get(sku);
    if (entry === void 0) continue;
    if (compareQty(entry.quantity, ownQuantity) < 0) {
      issues.push({
        code: "invalid-quantity",
        path: entry.path,
        message: `the tier quantity ${qtyText(entry.quantity)} of sku "${sku}" is smaller than the ${qtyText(ownQuantity)} on these lines; a pooled quantity includes this order's own units`
      });
    } else tier.set(sku, entry.quantity);
  }
  return { own, tier };
}
function readContract(value, path = "$.contract") {
  const contract2 = prepareContract(value, path);
  return { contract: contract2, pricing: contractIndex(contract2).pricing };
}
function range(s) {
  return `${s.id}: ${s.effectiveFrom} to ${s.effectiveTo ?? "open end"}`;
}
function scheduleInForce(pricing, contractId, date, path) {
  for (const s of pricing.schedules) {
    if (s.effectiveFrom <= date && (s.effectiveTo === void 0 || date <= s.effectiveTo)) return s;
  }
  const ranges = pricing.schedules.length === 0 ? "it has no price schedules" : `its schedules run ${pricing.schedules.map(range).join("; ")}`;
  const message = `no price schedule of contract "${contractId}" is in force on ${date}; ${ranges}`;
  throw new PaceError("no-price-in-force", message, [{ path, message }]);
}
function resolveItems(schedule, lines, issues) {
  const items = [];
  for (const line of lines) {
    const item = schedule.items.get(line.sku);
    if (item === void 0) issues.push({ code: "unknown-sku", path: `${line.path}.sku`, message: `sku "${line.sku}" is not on price schedule "${schedule.id}" (${schedule.effectiveFrom} to ${schedule.effectiveTo ?? "open end"})` });
    else items.push(item);
  }
  return items;
}

// src/pricing/quote.ts
function priceOrder(context, contractId, schedule, asOf, lines, items, pooled, memberId) {
  const mode = schedule.rounding;
  const findings = [];
  const trace = [
    { step: "schedule", id: schedule.id, detail: { asOf, effectiveFrom: schedule.effectiveFrom, effectiveTo: schedule.effectiveTo ?? null, rounding: mode } }
  ];
  if (memberId !== void 0) trace.push({ step: "member", id: memberId });
  const out = new Array(lines.length);
  let subtotal = 0;
  let solo = 0;
  let listTotal = 0;
  let savings = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const item = items[i];
    const q = line.quantity;
    const rule = item.rule;
    const pooledQuantity = pooled?.get(line.sku);
    const ownCents = amountCents(item, q, q, mode);
    let cents = ownCents;
    let tierQuantity = q;
    if (pooledQuantity !== void 0 && rule.kind === "tiered" && compareQty(pooledQuantity, q) !== 0) {
      const pooledCents = amountCents(item, q, pooledQuantity, mode);
      if (pooledCents <= ownCents) {
        cents = pooledCents;
        tierQuantity = pooledQuantity;
      } else {
        findings.push({
          code: "pooled-tier-not-better",
          severity: "info",
          message: `Line ${i + 1} (${line.sku}): the pooled quantity ${qtyText(pooledQuantity)} would price it at ${formatCents(pooledCents)}, more than ${formatCents(ownCents)} at its own quantity ${qtyText(q)} (the flat fees differ); it is priced at its own quantity, since contract prices are ceilings.`,
          ruleId: "pricing.pooled-tier",
          pack: PRICING_SOURCE,
          data: { sku: line.sku, line: i, pooledQuantity: qtyText(pooledQuantity), pooledTotal: formatCents(pooledCents), quantity: qtyText(q), total: formatCents(ownCents) }
        });
      }
    }
    subtotal = addCents(subtotal, cents);
    solo = addCents(solo, ownCents);
    const quoteLine = { sku: line.sku, description: item.description, kind: rule.kind, quantity: qtyText(q), unitPrice: "", extended: formatCents(cents) };
    if (item.unit !== void 0) quoteLine.unit = item.unit;
    switch (rule.kind) {
      case "fixed":
      case "discount":
        quoteLine.unitPrice = rule.unitPrice.text;
        break;
      case "tiered": {
        const tier = selectTier(rule.tiers, tierQuantity);
        const described = { index: tier.index, upTo: tier.upToText, mode: rule.mode, tierQuantity: qtyText(tierQuantity), unitPrice: tier.unitPrice.text };
        if (pooledQuantity !== void 0) described.pooledQuantity = qtyText(pooledQuantity);
        if (tier.flatFee !== void 0) described.flatFee = tier.flatFee.text;
        if (rule.mode === "volume") {
          quoteLine.unitPrice = tier.unitPrice.text;
          const cliff = findVolumeCliff(rule.tiers, q, tierQuantity, cents, mode);
          if (cliff !== void 0) {
            findings.push({
              code: "volume-cliff",
              severity: "info",
              message: `Line ${i + 1} (${line.sku}): buying ${qtyText(cliff.quantity)} instead of ${qtyText(q)} would cost ${formatCents(cliff.cents)} instead of ${formatCents(cents)}, because the tier quantity ${qtyText(cliff.tierQuantity)} reaches tier ${cliff.tier.index + 1} of the table (${cliff.tier.upToText === null ? "the open top tier" : `up to ${cliff.tier.upToText}`}) at ${cliff.tier.unitPrice.text} a unit.`,
              ruleId: "pricing.volume-cliff",
              pack: PRICING_SOURCE,
              data: {
                sku: line.sku,
                line: i,
                quantity: qtyText(q),
                total: formatCents(cents),
                cheaperQuantity: qtyText(cliff.quantity),
                cheaperTotal: formatCents(cliff.cents),
                tierQuantity: qtyText(cliff.tierQuantity),
                tierIndex: cliff.tier.index
              }
            });
          }
        } else {
          quoteLine.unitPrice = graduatedAverageText(rule.tiers, tierQuantity);
          describeLadder(described, rule.tiers, tierQuantity);
        }
        quoteLine.tier = described;
        trace.push({ step: "tier", id: line.sku, detail: { line: i, mode: rule.mode, tierQuantity: described.tierQuantity, index: tier.index, upTo: tier.upToText } });
        break;
      }
      default: {
        const never = rule;
        return never;
      }
    }
    if (item.listPrice !== void 0) {
      const listCents = unitCents(item.listPrice, q, mode);
      quoteLine.listUnitPrice = item.listPrice.text;
      quoteLine.listExtended = formatCents(listCents);
      quoteLine.savings = formatCents(listCents - cents);
      if (listTotal !== void 0) listTotal = addCents(listTotal, listCents);
      savings = addCents(savings, listCents - cents);
    } else listTotal = void 0;
    out[i] = quoteLine;
  }
  const result = {
    contractId,
    priceScheduleId: schedule.id,
    currency: "USD",
    asOf,
    lines: out,
    subtotal: formatCents(subtotal),
    savings: formatCents(savings),
    findings,
    trace,
    rulesVersion: context.rulesVersion
  };
  if (listTotal !== void 0) result.listTotal = formatCents(listTotal);
  return { quote: result, subtotalCents: subtotal, soloCents: solo };
}
function describeLadder(described, tiers, tierQuantity) {
  const slices = [];
  const t = qtyToDec(tierQuantity);
  let total = qtyToDec(0);
  for (const tier of tiers) {
    const lower2 = qtyToDec(tier.lower);
    if (!t.greaterThan(lower2)) break;
    const top = tier.upTo === null || t.lessThan(qtyToDec(tier.upTo)) ? t : qtyToDec(tier.upTo);
    const units = top.minus(lower2);
    const amount = units.times(tier.unitPrice.dec);
    total = total.plus(amount);
    const slice = { index: tier.index, upTo: tier.upToText, quantity: units.toFixed(), unitPrice: tier.unitPrice.text, amount: exactText(amount) };
    if (tier.flatFee !== void 0) {
      slice.flatFee = tier.flatFee.text;
      total = total.plus(tier.flatFee.dec);
    }
    slices.push(slice);
  }
  described.slices = slices;
  described.ladderTotal = exactText(total);
}
function exactText(amount) {
  return amount.decimalPlaces() <= 2 ? amount.toFixed(2) : amount.toFixed();
}
var QUOTE_FIELDS = /* @__PURE__ */ new Set(["contract", "lines", "asOf", "member", "tierQuantities"]);
function quote(context, input) {
  const issues = [];
  const root = readObject(input, "$", QUOTE_FIELDS, "a quote request { contract, lines, asOf }", issues);
  if (!root) throwIssues("Invalid quote request", issues);
  const { contract: contract2, pricing } = readContract(root["contract"]);
  const asOf = readDate(root["asOf"], "$.asOf", issues);
  const lines = readLines(root["lines"], "$.lines", issues, "order");
  const given = readTierQuantities(root["tierQuantities"], "$.tierQuantities", issues);
  let memberId;
  if (root["member"] !== void 0) {
    try {
      memberId = parseWith(MemberSchema, root["member"], "$.member", "member").id;
    } catch (e) {
      for (const issue of e.issues) issues.push({ code: "invalid-input", ...issue });
    }
  }
  if (given !== void 0) {
    for (const line of lines) {
      const entry = given.get(line.sku);
      if (entry !== void 0 && compareQty(entry.quantity, line.quantity) < 0) {
        issues.push({ code: "invalid-quantity", path: entry.path, message: `the tier quantity ${qtyText(entry.quantity)} of sku "${line.sku}" is smaller than the ${qtyText(line.quantity)} ordered at ${line.path}.quantity; a pooled quantity includes this order's own units` });
      }
    }
  }
  if (issues.length > 0 || asOf === void 0) throwIssues("Invalid quote request", issues);
  const schedule = scheduleInForce(pricing, contract2.id, asOf, "$.asOf");
  const items = resolveItems(schedule, lines, issues);
  if (issues.length > 0) throwIssues("Unknown sku", issues);
  const pooled = given === void 0 ? void 0 : new Map([...given].map(([sku, entry]) => [sku, entry.quantity]));
  return priceOrder(context, contract2.id, schedule, asOf, lines, items, pooled, memberId).quote;
}

// src/money/allocate.ts
var WEIGHT_DECIMALS = 12;
var WEIGHT_SCALE = "1000000000000";
function allocate(total, weights) {
  const amount = parseMoney(total, "$.total");
  if (!Array.isArray(weights) || weights.length === 0) {
    throw new PaceError("invalid-allocation", "allocate needs at least one weight", [{ path: "$.weights", message: "expected a non-empty array of weights" }]);
  }
  const wholeNumbers = weights.every((w) => typeof w === "number" && Number.isSafeInteger(w) && w >= 0);
  const scaled = wholeNumbers ? weights.map((w) => BigInt(w)) : weights.map((w, i) => {
    const path = `$.weights[${i}]`;
    let d;
    try {
      d = parseDecimal(w, path, WEIGHT_DECIMALS);
    } catch (e) {
      throw new PaceError("invalid-allocation", `${path}: expected a non-negative number or decimal string, got ${JSON.stringify(w)}`, [{ path, message: "expected a non-negative number or decimal string" }], { cause: e });
    }
    if (d.isNegative()) throw new PaceError("invalid-allocation", `${path}: weights must not be negative (got ${String(w)})`, [{ path, message: "weights must not be negative" }]);
    return BigInt(d.times(WEIGHT_SCALE).toFixed(0));
  });
  const shares = allocateWholeWeights(amount, scaled);
  if (shares === void 0) {
    throw new PaceError("invalid-allocation", "allocate needs at least one weight above zero", [{ path: "$.weights", message: "all weights are zero" }]);
  }
  return shares;
}
function allocateWholeWeights(amount, big) {
  let weightSum = 0n;
  for (const b of big) weightSum += b;
  if (weightSum === 0n) return void 0;
  const negative = amount.isNegative();
  const cents = BigInt(amount.abs().times(100).toFixed(0));
  const floors = [];
  const remainders = [];
  let allotted = 0n;
  for (const w of big) {
    const exact = cents * w;
    const floor = exact / weightSum;
    floors.push(floor);
    remainders.push(exact - floor * weightSum);
    allotted += floor;
  }
  let left = cents - allotted;
  const order = remainders.map((_, i) => i).sort((a, b) => remainders[b] > remainders[a] ? 1 : remainders[b] < remainders[a] ? -1 : a - b);
  for (const i of order) {
    if (left <= 0n) break;
    floors[i] = floors[i] + 1n;
    left--;
  }
  return floors.map((c) => {
    if (c === 0n) return "0.00";
    const text = c.toString().padStart(3, "0");
    return `${negative ? "-" : ""}${text.slice(0, -2)}.${text.slice(-2)}`;
  });
}

// src/pricing/quote-group-buy.ts
var ROOT_FIELDS = /* @__PURE__ */ new Set(["contract", "asOf", "orders", "sharedCosts"]);
var ORDER_FIELDS = /* @__PURE__ */ new Set(["memberId", "lines", "meta"]);
var COST_FIELDS = /* @__PURE__ */ new Set(["kind", "amount", "basis"]);
var BASES = /* @__PURE__ */ new Set(["quantity", "amount", "equal"]);
function centsOf(money2) {
  const negative = money2.startsWith("-");
  const [whole = "0", fraction = "00"] = (negative ? money2.slice(1) : money2).split(".");
  const cents = Number(whole) * 100 + Number(fraction);
  return negative ? -cents : cents;
}
function quoteGroupBuy(context, input) {
  const issues = [];
  const root = readObject(input, "$", ROOT_FIELDS, "a group buy { contract, asOf, orders }", issues);
  if (!root) throwIssues("Invalid group buy", issues);
  const { contract: contract2, pricing } = readContract(root["contract"]);
  const asOf = readDate(root["asOf"], "$.asOf", issues);
  const rawOrders = root["orders"];
  const orders = [];
  if (!Array.isArray(rawOrders) || rawOrders.length === 0) {
    issues.push({ code: "invalid-input", path: "$.orders", message: "expected a non-empty array of orders { memberId, lines }" });
  } else {
    const seen = /* @__PURE__ */ new Map();
    rawOrders.forEach((raw, i) => {
      const at = `$.orders[${i}]`;
      const order = readObject(raw, at, ORDER_FIELDS, "an order { memberId, lines }", issues);
      if (!order) return;
      const memberId = order["memberId"];
      const lines = readLines(order["lines"], `${at}.lines`, issues, "order");
      if (typeof memberId !== "string" || memberId.length === 0) {
        issues.push({ code: "invalid-input", path: `${at}.memberId`, message: "expected a non-empty member id" });
        return;
      }
      const first = seen.get(memberId);
      if (first !== void 0) {
        issues.push({ code: "invalid-input", path: `${at}.memberId`, message: `member "${memberId}" already has an order at $.orders[${first}]; put all of a member's lines in one order` });
        return;
      }
      seen.set(memberId, i);
      orders.push({ memberId, lines });
    });
  }
  const costs = [];
  const rawCosts = root["sharedCosts"];
  if (rawCosts !== void 0 && !Array.isArray(rawCosts)) issues.push({ code: "invalid-input", path: "$.sharedCosts", message: "expected an array of shared costs { kind, amount, basis }" });
  else if (Array.isArray(rawCosts)) {
    rawCosts.forEach((raw, i) => {
      const at = `$.sharedCosts[${i}]`;
      const cost = readObject(raw, at, COST_FIELDS, "a shared cost { kind, amount, basis }", issues);
      if (!cost) return;
      const kind = cost["kind"];
      const basis = cost["basis"];
      if (typeof kind !== "string" || kind.length === 0) issues.push({ code: "invalid-input", path: `${at}.kind`, message: 'expected a non-empty kind such as "freight"' });
      if (typeof basis !== "string" || !BASES.has(basis)) issues.push({ code: "invalid-input", path: `${at}.basis`, message: `expected "quantity", "amount" or "equal", got ${JSON.stringify(basis) ?? "nothing"}` });
      let amount;
      try {
        const parsed = parseMoney(cost["amount"], `${at}.amount`);
        if (parsed.isNegative()) issues.push({ code: "invalid-money", path: `${at}.amount`, message: "a shared cost must be zero or more" });
        else amount = parsed.toFixed(2);
      } catch (e) {
        for (const issue of e.issues) issues.push({ code: "invalid-money", ...issue });
      }
      if (typeof kind === "string" && kind.length > 0 && typeof basis === "string" && BASES.has(basis) && amount !== void 0) costs.push({ kind, amount, basis });
    });
  }
  if (issues.length > 0 || asOf === void 0) throwIssues("Invalid group buy", issues);
  const schedule = scheduleInForce(pricing, contract2.id, asOf, "$.asOf");
  const items = orders.map((o) => resolveItems(schedule, o.lines, issues));
  if (issues.length > 0) throwIssues("Unknown sku", issues);
  const pooled = /* @__PURE__ */ new Map();
  for (const order of orders) {
    for (const line of order.lines) {
      const before = pooled.get(line.sku);
      pooled.set(line.sku, before === void 0 ? line.quantity : addQty(before, line.quantity));
    }
  }
  const findings = [];
  const trace = [{ step: "schedule", id: schedule.id, detail: { asOf, effectiveFrom: schedule.effectiveFrom, effectiveTo: schedule.effectiveTo ?? null, rounding: schedule.rounding } }];
  const tierQuantities = Object.fromEntries([...pooled].map(([sku, quantity]) => [sku, qtyText(quantity)]));
  for (const [sku, quantity] of pooled) trace.push({ step: "pool", id: sku, detail: { tierQuantity: qtyText(quantity) } });
  const priced = orders.map((o, i) => priceOrder(context, contract2.id, schedule, asOf, o.lines, items[i], pooled, o.memberId));
  const shares = orders.map(() => []);
  const shareCents = orders.map(() => 0);
  let sharedTotal = 0;
  costs.forEach((cost, c) => {
    let weights = cost.basis === "equal" ? orders.map(() => 1) : cost.basis === "amount" ? priced.map((p) => p.subtotalCents) : orders.map((o) => {
      const total2 = o.lines.reduce((sum, line) => addQty(sum, line.quantity), 0);
      return typeof total2 === "number" ? total2 : qtyText(total2);
    });
    let basis = cost.basis;
    if (weights.every((w) => w === 0 || w === "0")) {
      weights = orders.map(() => 1);
      basis = "equal";
      findings.push({
        code: "shared-cost-basis-zero",
        severity: "info",
        message: `Shared cost "${cost.kind}" (${cost.amount}) is split equally: every member's ${cost.basis} is zero, so there is nothing to split it by.`,
        ruleId: "pricing.shared-costs",
        pack: PRICING_SOURCE,
        data: { kind: cost.kind, amount: cost.amount, basis: cost.basis, usedBasis: "equal" }
      });
    }
    const parts = allocate(cost.amount, weights);
    parts.forEach((part, m) => {
      shares[m].push(part);
      shareCents[m] = addCents(shareCents[m], centsOf(part));
    });
    sharedTotal = addCents(sharedTotal, centsOf(cost.amount));
    trace.push({
      step: "allocation",
      id: `sharedCosts[${c}]`,
      detail: { kind: cost.kind, amount: cost.amount, basis, method: "largest-remainder", shares: orders.map((o, m) => ({ memberId: o.memberId, weight: weights[m], amount: parts[m] })) }
    });
  });
  let subtotal = 0;
  let total = 0;
  let savings = 0;
  const members = orders.map((o, m) => {
    const p = priced[m];
    const memberTotal = addCents(p.subtotalCents, shareCents[m]);
    const soloTotal = addCents(p.soloCents, shareCents[m]);
    subtotal = addCents(subtotal, p.subtotalCents);
    total = addCents(total, memberTotal);
    savings = addCents(savings, soloTotal - memberTotal);
    return {
      memberId: o.memberId,
      quote: p.quote,
      sharedCosts: costs.map((cost, c) => ({ kind: cost.kind, amount: shares[m][c] })),
      subtotal: p.quote.subtotal,
      total: formatCents(memberTotal),
      soloSubtotal: formatCents(p.soloCents),
      soloTotal: formatCents(soloTotal),
      savingsVsSolo: formatCents(soloTotal - memberTotal)
    };
  });
  return {
    contractId: contract2.id,
    priceScheduleId: schedule.id,
    currency: "USD",
    asOf,
    tierQuantities,
    members,
    subtotal: formatCents(subtotal),
    sharedCostsTotal: formatCents(sharedTotal),
    total: formatCents(total),
    savingsVsSolo: formatCents(savings),
    findings,
    trace,
    rulesVersion: context.rulesVersion
  };
}

// src/pricing/verify-invoice.ts
var ROOT_FIELDS2 = /* @__PURE__ */ new Set(["contract", "invoice", "tierQuantities"]);
var INVOICE_FIELDS = /* @__PURE__ */ new Set(["date", "lines", "id", "number", "meta"]);
function verifyInvoice(context, input) {
  const issues = [];
  const root = readObject(input, "$", ROOT_FIELDS2, "an invoice check { contract, invoice }", issues);
  if (!root) throwIssues("Invalid invoice check", issues);
  const { contract: contract2, pricing } = readContract(root["contract"]);
  const invoice = readObject(root["invoice"], "$.invoice", INVOICE_FIELDS, "an invoice { date, lines }", issues);
  const date = invoice ? readDate(invoice["date"], "$.invoice.date", issues) : void 0;
  const lines = invoice ? readLines(invoice["lines"], "$.invoice.lines", issues, "invoice") : [];
  const given = readTierQuantities(root["tierQuantities"], "$.tierQuantities", issues);
  const { own, tier: tierQuantity } = tierQuantitiesOf(lines, given, issues);
  if (issues.length > 0 || date === void 0) throwIssues("Invalid invoice check", issues);
  const schedule = scheduleInForce(pricing, contract2.id, date, "$.invoice.date");
  const items = resolveItems(schedule, lines, issues);
  if (issues.length > 0) throwIssues("Unknown sku", issues);
  const mode = schedule.rounding;
  const findings = [];
  const trace = [{ step: "schedule", id: schedule.id, detail: { asOf: date, effectiveFrom: schedule.effectiveFrom, effectiveTo: schedule.effectiveTo ?? null, rounding: mode } }];
  let billedTotal = 0;
  let contractTotal = 0;
  let overchargeTotal = 0;
  const out = lines.map((line, i) => {
    const item = items[i];
    const q = line.quantity;
    const ownQuantity = own.get(line.sku);
    const pooledQuantity = tierQuantity.get(line.sku);
    let used = ownQuantity;
    let contractCents = amountCents(item, q, ownQuantity, mode);
    if (compareQty(pooledQuantity, ownQuantity) !== 0) {
      const pooledCents = amountCents(item, q, pooledQuantity, mode);
      if (pooledCents <= contractCents) {
        contractCents = pooledCents;
        used = pooledQuantity;
      }
    }
    const billed = preparePrice(line.unitPrice);
    const billedCents = unitCents(billed, q, mode);
    const overcharge = billedCents > contractCents ? billedCents - contractCents : 0;
    billedTotal = addCents(billedTotal, billedCents);
    contractTotal = addCents(contractTotal, contractCents);
    overchargeTotal = addCents(overchargeTotal, overcharge);
    const rule = item.rule;
    let contractUnitPrice;
    let tier;
    if (rule.kind === "tiered") {
      const t = selectTier(rule.tiers, used);
      tier = { index: t.index, upTo: t.upToText, tierQuantity: qtyText(used) };
      contractUnitPrice = rule.mode === "volume" ? t.unitPrice.text : graduatedAverageText(rule.tiers, used);
      trace.push({ step: "tier", id: line.sku, detail: { line: i, mode: rule.mode, tierQuantity: tier.tierQuantity, index: t.index, upTo: t.upToText } });
    } else contractUnitPrice = rule.unitPrice.text;
    const data = { sku: line.sku, line: i, quantity: qtyText(q), billedUnitPrice: billed.text, contractUnitPrice, billedExtended: formatCents(billedCents), contractExtended: formatCents(contractCents) };
    if (overcharge > 0) {
      findings.push({
        code: "invoice-overcharge",
        severity: "block",
        message: `Line ${i + 1} (${line.sku}): billed ${formatCents(billedCents)} for ${qtyText(q)} at ${billed.text}, but the contract allows ${formatCents(contractCents)} (${contractUnitPrice} a unit); overcharge ${formatCents(overcharge)}. Pay the contract price.`,
        citation: SAME_TERMS_CITATION,
        ruleId: "pricing.invoice-within-contract",
        pack: PRICING_SOURCE,
        data: { ...data, overcharge: formatCents(overcharge) }
      });
    } else if (billedCents < contractCents) {
      findings.push({
        code: "invoice-below-contract",
        severity: "info",
        message: `Line ${i + 1} (${line.sku}): billed ${formatCents(billedCents)}, below the contract's ${formatCents(contractCents)}; contract prices are ceilings, so this is allowed.`,
        ruleId: "pricing.invoice-within-contract",
        pack: PRICING_SOURCE,
        data
      });
    }
    const result = {
      sku: line.sku,
      quantity: qtyText(q),
      billedUnitPrice: billed.text,
      contractUnitPrice,
      billedExtended: formatCents(billedCents),
      contractExtended: formatCents(contractCents),
      overcharge: formatCents(overcharge),
      ok: overcharge === 0
    };
    if (tier !== void 0) result.tier = tier;
    return result;
  });
  return {
    ok: overchargeTotal === 0,
    contractId: contract2.id,
    priceScheduleId: schedule.id,
    date,
    lines: out,
    billedTotal: formatCents(billedTotal),
    contractTotal: formatCents(contractTotal),
    overchargeTotal: formatCents(overchargeTotal),
    findings,
    trace,
    rulesVersion: context.rulesVersion
  };
}

// src/pace.ts
function createPace(options = {}) {
  const context = layerPacks(options.packs ?? [californiaLaw(), paceProgram()]);
  complianceContext(context);
  return Object.freeze({
    checkEligibility: (input) => checkEligibility(context, input),
    procurementMethod: (input) => procurementMethod(context, input),
    auditChecklist: (input) => auditChecklist(context, input),
    findSplitPurchases: (purchases, options2) => findSplitPurchases(context, purchases, options2),
    rulesVersion: context.rulesVersion,
    packs: Object.freeze(context.packs.map((p) => Object.freeze({ id: p.id, version: p.version, title: p.title, kind: p.kind, contentHash: p.contentHash }))),
    // Pricing
    prepareContract: (contract2) => prepareContract(contract2, "$"),
    quote: (input) => quote(context, input),
    quoteGroupBuy: (input) => quoteGroupBuy(context, input),
    verifyInvoice: (input) => verifyInvoice(context, input)
  });
}

// test/compliance/fixtures.ts
var district = {
  id: "m-oak",
  name: "Oak Valley Unified School District",
  kind: "school-district",
  districtType: "unified",
  state: "CA",
  averageDailyAttendance: 12e3,
  membership: { programId: "pace", status: "active", since: "2023-07-01" },
  boardAuthorizations: [{ id: "res-2024-12", adoptedOn: "2024-06-15", scope: { programIds: ["pace"] } }]
};
var contract = {
  id: "c-tech",
  number: "PACE-24-001",
  title: "Classroom technology",
  programId: "pace",
  leadAgency: { name: "Lead County Office of Education", isPublicAgency: true, state: "CA" },
  solicitation: { number: "RFP-24-01", kind: "request-for-proposals", awardedOn: "2024-06-01", cooperativeUseClause: true, federalProcurementCompliant: true },
  vendor: { id: "v-acme", name: "Acme Learning" },
  categories: ["technology"],
  supplyKind: "goods",
  term: { start: "2024-07-01", end: "2025-06-30", renewals: [{ start: "2025-07-01", end: "2026-06-30", exercised: true }, { start: "2026-07-01", end: "2027-06-30", exercised: false }] },
  eligibleMemberKinds: ["school-district", "county-office", "charter-school", "community-college-district"],
  priceSchedules: []
};
var purchase = {
  id: "po-1",
  memberId: "m-oak",
  date: "2025-03-01",
  amount: "50000.00",
  supplyKind: "goods",
  category: "technology",
  contractId: "c-tech",
  vendorId: "v-acme"
};

// .ic-ops.ts
var op = process.argv[2];
var n = Number(process.argv[3]);
var pace = createPace();
var prepared = prepareContract(contract);
var eligibilityInput = { member: district, contract: prepared, asOf: "2025-03-01", purchase };
var methodInput = { member: district, purchase: { ...purchase, amount: "150000.00" }, contract: prepared };
var sink = 0;
var run = op === "eligibility" ? () => pace.checkEligibility(eligibilityInput).trace.length : () => pace.procurementMethod(methodInput).trace.length;
for (let i = 0; i < 2e4; i++) sink += run();
for (let i = 0; i < n; i++) sink += run();
console.log(op, n, sink);
