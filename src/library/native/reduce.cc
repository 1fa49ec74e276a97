// Float32 sums over a leading or trailing block of axes for TF.js's Sum (a bias gradient sums dy
// over every axis but the channels), in place on the wasm heap. Each sum is float64 in
// tfjs-backend-cpu's order (Sum.js: the reduced elements in row-major order), rounded once, so
// the result is bit-identical to the cpu backend's; tfjs-backend-wasm's own sums in float32
// after a transpose.
#include "reduce.h"

#include <vector>

#include "views.h"

namespace paperlab {

namespace {
constexpr long kParallelMin = 1L << 15;
constexpr long kColumnBlock = 64;
}  // namespace

// sumAxes(x, out, rows, cols, leading): x is rows x cols; leading: out[c] = sum over r of x[r][c]
// (the reduced axes come first), else out[r] = sum over c of x[r][c].
Napi::Value SumAxes(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  FloatView xv = floatView(info, 0, "x");
  FloatView out = floatView(info, 1, "out");
  const long rows = intArg(info, 2, "rows"), cols = intArg(info, 3, "cols");
  const bool leading = info[4].ToBoolean();
  requireSize(env, xv, rows * cols, "x");
  requireSize(env, out, leading ? cols : rows, "out");
  const float* x = xv.data;
  if (leading) {
    // Threads take blocks of columns; each column's sum still runs over the rows in order.
    const long blocks = (cols + kColumnBlock - 1) / kColumnBlock;
#pragma omp parallel for schedule(static) if (rows * cols >= kParallelMin && blocks > 1)
    for (long blk = 0; blk < blocks; blk++) {
      const long c0 = blk * kColumnBlock, c1 = c0 + kColumnBlock < cols ? c0 + kColumnBlock : cols;
      std::vector<double> sum(c1 - c0, 0.0);
      for (long r = 0; r < rows; r++) {
        const float* row = x + r * cols + c0;
        for (long c = 0; c < c1 - c0; c++) sum[c] += row[c];
      }
      for (long c = c0; c < c1; c++) out.data[c] = static_cast<float>(sum[c - c0]);
    }
  } else {
#pragma omp parallel for schedule(static) if (rows * cols >= kParallelMin)
    for (long r = 0; r < rows; r++) {
      double sum = 0.0;
      for (long c = 0; c < cols; c++) sum += x[r * cols + c];
      out.data[r] = static_cast<float>(sum);
    }
  }
  return env.Undefined();
}

void InitReduce(Napi::Env env, Napi::Object exports) {
  exports.Set("sumAxes", Napi::Function::New(env, SumAxes));
}

}  // namespace paperlab
