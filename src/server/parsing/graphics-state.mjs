// The graphics state a page's drawing operations (a pdf.js operator list) run under, followed as
// the renderer follows it: the current transform through save/restore, cm and form XObjects, and
// the fill colour (pdf.js gives every device colour as "#rrggbb"; a pattern or shading: null).
// Plain JS: used in the parse worker (pdf-worker.mjs, vector-qr.mjs).

/** The product of two PDF transforms [a b c d e f]: `n` applied first, then `m`. */
export const multiply = (m, n) => [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];

/** Calls `visit(fn, args, state)` for every operator that is not a change of the state itself. */
export function walkGraphicsState(ops, OPS, visit) {
  let state = { ctm: [1, 0, 0, 1, 0, 0], fill: "#000000" };
  const stack = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i];
    if (fn === OPS.save) stack.push(state);
    else if (fn === OPS.restore) state = stack.pop() ?? state;
    else if (fn === OPS.transform && args && args.length >= 6) state = { ...state, ctm: multiply(state.ctm, args) };
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(state);
      if (Array.isArray(args?.[0]) || ArrayBuffer.isView(args?.[0])) state = { ...state, ctm: multiply(state.ctm, Array.from(args[0])) };
    } else if (fn === OPS.paintFormXObjectEnd) state = stack.pop() ?? state;
    else if (fn === OPS.setFillRGBColor) state = { ...state, fill: typeof args?.[0] === "string" ? args[0] : null };
    else if (fn === OPS.setFillColorN || fn === OPS.setFillColorSpace || fn === OPS.shadingFill) state = { ...state, fill: null };
    else visit(fn, args, state);
  }
}
