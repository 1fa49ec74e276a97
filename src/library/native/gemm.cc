// Float32 matrix products for TF.js's MatMul/BatchMatMul and _FusedMatMul kernels. The operands are
// views of the backend's own memory (the wasm heap): cblas_sgemm reads and writes them in place.
#include "gemm.h"

#include <cblas.h>

#include <algorithm>
#include <cmath>

#include "threads.h"
#include "views.h"

namespace paperlab {

namespace {

enum Activation { kLinear = 0, kRelu = 1, kRelu6 = 2, kElu = 3, kPrelu = 4, kLeakyRelu = 5, kSigmoid = 6 };

inline float activate(float x, int activation, float alpha, float slope) {
  switch (activation) {
    case kRelu: return x > 0.f ? x : 0.f;
    case kRelu6: return std::min(std::max(x, 0.f), 6.f);
    case kElu: return x >= 0.f ? x : std::expm1(x);
    case kPrelu: return x >= 0.f ? x : slope * x;
    case kLeakyRelu: return x >= 0.f ? x : alpha * x;
    case kSigmoid: return 1.f / (1.f + std::exp(-x));
    default: return x;
  }
}

// Below this many outputs a parallel loop costs more than it saves.
constexpr long kParallelMin = 1L << 15;

}  // namespace

// matmul(a, b, out, batch, m, n, k, transA, transB, batchStrideA, batchStrideB): for each batch
// entry, out = op(a) * op(b), row-major; a stride of 0 broadcasts one matrix over the batch.
Napi::Value Matmul(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  FloatView a = floatView(info, 0, "a");
  FloatView b = floatView(info, 1, "b");
  FloatView out = floatView(info, 2, "out");
  const long batch = intArg(info, 3, "batch"), m = intArg(info, 4, "m"), n = intArg(info, 5, "n"), k = intArg(info, 6, "k");
  const bool transA = info[7].ToBoolean(), transB = info[8].ToBoolean();
  const long strideA = intArg(info, 9, "batchStrideA"), strideB = intArg(info, 10, "batchStrideB");
  requireSize(env, a, (batch - 1) * strideA + m * k, "a");
  requireSize(env, b, (batch - 1) * strideB + k * n, "b");
  requireSize(env, out, batch * m * n, "out");
  const int lda = transA ? m : k, ldb = transB ? k : n;
  for (long i = 0; i < batch; i++) {
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                m, n, k, 1.f, a.data + i * strideA, lda, b.data + i * strideB, ldb, 0.f, out.data + i * m * n, n);
  }
  return env.Undefined();
}

// biasActivation(out, cols, bias | null, activation, alpha, prelu | null): in place, row by row;
// bias and prelu weights have `cols` values (one per column), 1 (a scalar) or out.length.
Napi::Value BiasActivation(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  FloatView out = floatView(info, 0, "out");
  const long cols = intArg(info, 1, "cols");
  FloatView bias = optionalFloatView(info, 2, "bias");
  const int activation = static_cast<int>(intArg(info, 3, "activation"));
  const float alpha = info[4].As<Napi::Number>().FloatValue();
  FloatView prelu = optionalFloatView(info, 5, "prelu");
  const long size = static_cast<long>(out.length);
  auto broadcastable = [&](const FloatView& v) { return !v.data || v.length == 1 || static_cast<long>(v.length) == cols || static_cast<long>(v.length) == size; };
  if (cols <= 0 || size % cols != 0 || !broadcastable(bias) || !broadcastable(prelu)) {
    throw Napi::TypeError::New(env, "paperlab native: biasActivation: bias or prelu weights do not broadcast over the output");
  }
  auto at = [&](const FloatView& v, long i) { return v.length == 1 ? v.data[0] : static_cast<long>(v.length) == size ? v.data[i] : v.data[i % cols]; };
  const bool hasBias = bias.data != nullptr, hasPrelu = prelu.data != nullptr;
#pragma omp parallel for schedule(static) if (size >= kParallelMin)
  for (long i = 0; i < size; i++) {
    float x = out.data[i];
    if (hasBias) x += at(bias, i);
    out.data[i] = activate(x, activation, alpha, hasPrelu ? at(prelu, i) : 0.f);
  }
  return env.Undefined();
}

void InitGemm(Napi::Env env, Napi::Object exports) {
  exports.Set("matmul", Napi::Function::New(env, Matmul));
  exports.Set("biasActivation", Napi::Function::New(env, BiasActivation));
}

}  // namespace paperlab
