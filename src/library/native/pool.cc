// Float32 2-D pooling for TF.js's MaxPool, AvgPool, MaxPoolGrad and AvgPoolGrad on NHWC data, in
// place on the wasm heap. Plain loops, each written to give tfjs-backend-cpu 4.22's results bit
// for bit (utils/pool_utils.js, kernels/*Pool*.js): the same window order, ties and NaN handling,
// float64 sums in the same order, the same divisors. OpenMP over output rows (or input rows for
// the gradients, so that no two threads write one element).
#include "pool.h"

#include <algorithm>
#include <array>
#include <limits>
#include <vector>

#include "views.h"

namespace paperlab {

namespace {

// Below this many elements a parallel loop costs more than it saves.
constexpr long kParallelMin = 1L << 15;

// n, h, w, c, oh, ow, fh, fw, strideH, strideW, top, left (tfjs-core's computePool2DInfo).
struct Pool {
  long n, h, w, c, oh, ow, fh, fw, sh, sw, top, left;
};

Pool poolArg(const Napi::CallbackInfo& info, size_t i) {
  if (i >= info.Length() || !info[i].IsArray() || info[i].As<Napi::Array>().Length() != 12) {
    throw Napi::TypeError::New(info.Env(), "paperlab native: argument 'geometry' must be an array of 12 numbers");
  }
  Napi::Array a = info[i].As<Napi::Array>();
  std::array<long, 12> v;
  for (uint32_t j = 0; j < 12; j++) v[j] = a.Get(j).As<Napi::Number>().Int64Value();
  const Pool p{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]};
  if (p.n < 0 || p.h < 0 || p.w < 0 || p.c < 0 || p.oh < 0 || p.ow < 0 || p.fh < 1 || p.fw < 1 || p.sh < 1 || p.sw < 1 || p.top < 0 || p.left < 0) {
    throw Napi::RangeError::New(info.Env(), "paperlab native: pool geometry: sizes must be >= 0, window and strides >= 1");
  }
  return p;
}

long floorDiv(long a, long b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// The input rows [lo, hi) that output row (or column) o's window covers, inside the input.
inline void windowOf(long o, long stride, long pad, long size, long extent, long* lo, long* hi) {
  const long corner = o * stride - pad;
  *lo = corner < 0 ? 0 : corner;
  *hi = corner + size < extent ? corner + size : extent;
}

// The output rows [lo, hi] whose windows contain input row i.
inline void windowsOver(long i, long stride, long pad, long size, long outExtent, long* lo, long* hi) {
  const long first = floorDiv(i + pad - size, stride) + 1;  // smallest o with o*stride - pad + size > i
  const long last = floorDiv(i + pad, stride);              // largest o with o*stride - pad <= i
  *lo = first < 0 ? 0 : first;
  *hi = last < outExtent - 1 ? last : outExtent - 1;
}

// For each window and channel, the first maximum in row-major window order and its flat input
// index, as maxPoolPositions finds them: strict '>' (NaN never wins), -Infinity and index -1 for a
// window with nothing above -Infinity. Branch-free: after ReLU, ties at 0 are everywhere and
// unpredictable (a branch here measured 3x slower on the benchmark CNN's pools).
inline void windowMax(const float* __restrict x, const Pool& p, long b, long oy, long ox, float* __restrict best, int* __restrict where) {
  long y0, y1, x0, x1;
  windowOf(oy, p.sh, p.top, p.fh, p.h, &y0, &y1);
  windowOf(ox, p.sw, p.left, p.fw, p.w, &x0, &x1);
  for (long ch = 0; ch < p.c; ch++) {
    best[ch] = -std::numeric_limits<float>::infinity();
    where[ch] = -1;
  }
  for (long iy = y0; iy < y1; iy++) {
    for (long ix = x0; ix < x1; ix++) {
      const long base = ((b * p.h + iy) * p.w + ix) * p.c;
      const float* __restrict v = x + base;
      for (long ch = 0; ch < p.c; ch++) {
        const bool above = v[ch] > best[ch];
        best[ch] = above ? v[ch] : best[ch];
        where[ch] = above ? static_cast<int>(base + ch) : where[ch];
      }
    }
  }
}

// Runs f(b, oy, ox, best, where) for every window, rows split over threads, with per-thread buffers.
template <typename F>
void eachWindow(const float* x, const Pool& p, F f) {
  const long rows = p.n * p.oh;
#pragma omp parallel if (rows * p.ow * p.c >= kParallelMin)
  {
    std::vector<float> best(p.c);
    std::vector<int> where(p.c);
#pragma omp for schedule(static)
    for (long row = 0; row < rows; row++) {
      const long b = row / p.oh, oy = row % p.oh;
      for (long ox = 0; ox < p.ow; ox++) {
        windowMax(x, p, b, oy, ox, best.data(), where.data());
        f(((b * p.oh + oy) * p.ow + ox) * p.c, best.data(), where.data());
      }
    }
  }
}

}  // namespace

// maxPool(x, out, geometry): out = the maximum of each window, per channel.
Napi::Value MaxPool(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  FloatView x = floatView(info, 0, "x");
  FloatView out = floatView(info, 1, "out");
  const Pool p = poolArg(info, 2);
  requireSize(env, x, p.n * p.h * p.w * p.c, "x");
  requireSize(env, out, p.n * p.oh * p.ow * p.c, "out");
  float* y = out.data;
  const long c = p.c;
  eachWindow(x.data, p, [y, c](long o, const float* best, const int*) { std::copy(best, best + c, y + o); });
  return env.Undefined();
}

// avgPool(x, out, geometry): the float64 sum of each window's in-bounds values, in row-major
// order, over their count (padding is not counted), rounded once to float32.
Napi::Value AvgPool(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  FloatView xv = floatView(info, 0, "x");
  FloatView out = floatView(info, 1, "out");
  const Pool p = poolArg(info, 2);
  requireSize(env, xv, p.n * p.h * p.w * p.c, "x");
  requireSize(env, out, p.n * p.oh * p.ow * p.c, "out");
  const float* x = xv.data;
  const long rows = p.n * p.oh;
#pragma omp parallel if (rows * p.ow * p.c >= kParallelMin)
  {
    std::vector<double> sum(p.c);
#pragma omp for schedule(static)
    for (long row = 0; row < rows; row++) {
      const long b = row / p.oh, oy = row % p.oh;
      long y0, y1;
      windowOf(oy, p.sh, p.top, p.fh, p.h, &y0, &y1);
      for (long ox = 0; ox < p.ow; ox++) {
        long x0, x1;
        windowOf(ox, p.sw, p.left, p.fw, p.w, &x0, &x1);
        for (long ch = 0; ch < p.c; ch++) sum[ch] = 0.0;
        for (long iy = y0; iy < y1; iy++) {
          for (long ix = x0; ix < x1; ix++) {
            const float* v = x + ((b * p.h + iy) * p.w + ix) * p.c;
            for (long ch = 0; ch < p.c; ch++) sum[ch] += v[ch];
          }
        }
        // 0 / 0 = NaN for a window wholly in the padding, as the reference gives.
        const double count = static_cast<double>((y1 > y0 ? y1 - y0 : 0) * (x1 > x0 ? x1 - x0 : 0));
        float* o = out.data + ((b * p.oh + oy) * p.ow + ox) * p.c;
        for (long ch = 0; ch < p.c; ch++) o[ch] = static_cast<float>(sum[ch] / count);
      }
    }
  }
  return env.Undefined();
}

namespace {

// dx[i] = the float64 sum, over the windows containing input pixel i in increasing (row, column)
// order, of term(window offset, channel), then finish(sum) rounded to float32: the reference's
// loop, one input pixel at a time (so threads never write the same element).
template <typename Term, typename Finish>
void gradientByInput(const Pool& p, float* dx, Term term, Finish finish) {
  const long rows = p.n * p.h;
#pragma omp parallel if (rows * p.w * p.c >= kParallelMin)
  {
    std::vector<double> sum(p.c);
#pragma omp for schedule(static)
    for (long row = 0; row < rows; row++) {
      const long b = row / p.h, iy = row % p.h;
      long y0, y1;
      windowsOver(iy, p.sh, p.top, p.fh, p.oh, &y0, &y1);
      for (long ix = 0; ix < p.w; ix++) {
        long x0, x1;
        windowsOver(ix, p.sw, p.left, p.fw, p.ow, &x0, &x1);
        const long at = ((b * p.h + iy) * p.w + ix) * p.c;
        for (long ch = 0; ch < p.c; ch++) sum[ch] = 0.0;
        for (long oy = y0; oy <= y1; oy++) {
          for (long ox = x0; ox <= x1; ox++) {
            const long o = ((b * p.oh + oy) * p.ow + ox) * p.c;
            for (long ch = 0; ch < p.c; ch++) term(sum.data(), o, at, ch);
          }
        }
        for (long ch = 0; ch < p.c; ch++) dx[at + ch] = static_cast<float>(finish(sum[ch]));
      }
    }
  }
}

}  // namespace

// maxPoolGrad(x, dy, dx, geometry): each window sends its dy to the position of its first maximum.
Napi::Value MaxPoolGrad(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  FloatView x = floatView(info, 0, "x");
  FloatView dyv = floatView(info, 1, "dy");
  FloatView dx = floatView(info, 2, "dx");
  const Pool p = poolArg(info, 3);
  const long inSize = p.n * p.h * p.w * p.c, outSize = p.n * p.oh * p.ow * p.c;
  requireSize(env, x, inSize, "x");
  requireSize(env, dyv, outSize, "dy");
  requireSize(env, dx, inSize, "dx");
  if (inSize > std::numeric_limits<int>::max()) throw Napi::RangeError::New(env, "paperlab native: maxPoolGrad: input over 2^31 values");
  const float* dy = dyv.data;
  const long c = p.c;
  if (p.fh <= p.sh && p.fw <= p.sw) {
    // Windows do not overlap: each input pixel gets at most one dy, so scatter it (dy + 0: the
    // reference's 0 + dy, which turns -0 into +0) over a zeroed dx.
    float* out = dx.data;
    std::fill(out, out + inSize, 0.f);
    eachWindow(x.data, p, [out, dy, c](long o, const float*, const int* where) {
      for (long ch = 0; ch < c; ch++) {
        if (where[ch] >= 0) out[where[ch]] = dy[o + ch] + 0.f;
      }
    });
    return env.Undefined();
  }
  std::vector<int> positions(outSize);
  int* all = positions.data();
  eachWindow(x.data, p, [all, c](long o, const float*, const int* where) { std::copy(where, where + c, all + o); });
  // Adding +0 where a window's maximum is elsewhere leaves every sum as skipping it would (a sum
  // that starts at +0 is never -0), and keeps the loop free of unpredictable branches.
  gradientByInput(p, dx.data, [all, dy](double* sum, long o, long at, long ch) {
    sum[ch] += all[o + ch] == at + ch ? static_cast<double>(dy[o + ch]) : 0.0;
  }, [](double s) { return s; });
  return env.Undefined();
}

// avgPoolGrad(dy, dx, geometry): dx = the sum of dy over the windows containing each input pixel,
// times 1 / (fh fw): tfjs-backend-cpu's AvgPoolGrad divides by the whole window even where the
// forward pass divided by fewer (windows over padding); this follows it, to match it.
Napi::Value AvgPoolGrad(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  FloatView dyv = floatView(info, 0, "dy");
  FloatView dx = floatView(info, 1, "dx");
  const Pool p = poolArg(info, 2);
  requireSize(env, dyv, p.n * p.oh * p.ow * p.c, "dy");
  requireSize(env, dx, p.n * p.h * p.w * p.c, "dx");
  const float* dy = dyv.data;
  const double multiplier = 1.0 / static_cast<double>(p.fh * p.fw);
  gradientByInput(p, dx.data, [dy](double* sum, long o, long, long ch) { sum[ch] += dy[o + ch]; },
                  [multiplier](double s) { return s * multiplier; });
  return env.Undefined();
}

void InitPool(Napi::Env env, Napi::Object exports) {
  exports.Set("maxPool", Napi::Function::New(env, MaxPool));
  exports.Set("avgPool", Napi::Function::New(env, AvgPool));
  exports.Set("maxPoolGrad", Napi::Function::New(env, MaxPoolGrad));
  exports.Set("avgPoolGrad", Napi::Function::New(env, AvgPoolGrad));
}

}  // namespace paperlab
