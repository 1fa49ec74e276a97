// Optimizer updates in one pass per variable, in float32 with the very roundings of TF.js's own op
// sequence (tfjs-core 4.22 adam_optimizer.js, momentum_optimizer.js): each product and sum rounded
// on its own, no fused multiply-add (the build passes -ffp-contract=off), so results are
// bit-identical to the ops while a step issues one call instead of a dozen ops per variable.
#include "optim.h"

#include <cmath>

#include "views.h"

namespace paperlab {

namespace {

constexpr long kParallelMin = 1L << 15;

float f32(const Napi::CallbackInfo& info, size_t i) { return static_cast<float>(info[i].As<Napi::Number>().DoubleValue()); }

}  // namespace

// adam(value, grad, m, v, outValue, outM, outV, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
//      oneMinusAccBeta1, oneMinusAccBeta2, epsilon, negLearningRate); outputs may alias inputs.
// Each scalar is what TF.js makes of it: a float32 tensor of the JS number.
Napi::Value Adam(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  FloatView value = floatView(info, 0, "value"), grad = floatView(info, 1, "grad"), m = floatView(info, 2, "m"), v = floatView(info, 3, "v");
  FloatView outValue = floatView(info, 4, "outValue"), outM = floatView(info, 5, "outM"), outV = floatView(info, 6, "outV");
  const long n = static_cast<long>(value.length);
  for (const FloatView* view : {&grad, &m, &v, &outValue, &outM, &outV}) requireSize(env, *view, n, "optimizer state");
  const float b1 = f32(info, 7), omb1 = f32(info, 8), b2 = f32(info, 9), omb2 = f32(info, 10);
  const float oma1 = f32(info, 11), oma2 = f32(info, 12), eps = f32(info, 13), negLr = f32(info, 14);
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (long i = 0; i < n; i++) {
    const float g = grad.data[i];
    const float m1 = m.data[i] * b1 + g * omb1;       // add(mul(m, beta1), mul(g, 1 - beta1))
    const float gg = g * g;                           // square(g)
    const float v1 = v.data[i] * b2 + gg * omb2;      // add(mul(v, beta2), mul(square(g), 1 - beta2))
    const float mHat = m1 / oma1;                     // div(newM, 1 - accBeta1)
    const float vHat = v1 / oma2;
    const float step = (mHat / (std::sqrt(vHat) + eps)) * negLr;
    outM.data[i] = m1;
    outV.data[i] = v1;
    outValue.data[i] = step + value.data[i];          // add(mul(div(mHat, add(sqrt(vHat), eps)), -lr), value)
  }
  return env.Undefined();
}

// momentum(value, grad, acc, outValue, outAcc, momentum, negLearningRate, nesterov)
Napi::Value Momentum(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  FloatView value = floatView(info, 0, "value"), grad = floatView(info, 1, "grad"), acc = floatView(info, 2, "acc");
  FloatView outValue = floatView(info, 3, "outValue"), outAcc = floatView(info, 4, "outAcc");
  const long n = static_cast<long>(value.length);
  for (const FloatView* view : {&grad, &acc, &outValue, &outAcc}) requireSize(env, *view, n, "optimizer state");
  const float mom = f32(info, 5), negLr = f32(info, 6);
  const bool nesterov = info[7].ToBoolean();
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (long i = 0; i < n; i++) {
    const float g = grad.data[i];
    const float a = mom * acc.data[i] + g;            // add(mul(m, acc), g)
    const float update = nesterov ? negLr * (g + a * mom) : negLr * a;
    outAcc.data[i] = a;
    outValue.data[i] = update + value.data[i];        // add(mul(c, ...), value)
  }
  return env.Undefined();
}

void InitOptim(Napi::Env env, Napi::Object exports) {
  exports.Set("adam", Napi::Function::New(env, Adam));
  exports.Set("momentum", Napi::Function::New(env, Momentum));
}

}  // namespace paperlab
