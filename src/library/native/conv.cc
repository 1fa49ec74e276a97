// Float32 2-D convolutions for TF.js's Conv2D, FusedConv2D, Conv2DBackpropInput and
// Conv2DBackpropFilter through oneDNN. Activations stay where TF.js keeps them (NHWC on the wasm
// heap): oneDNN reads and writes them in place. Only the filter crosses into oneDNN's own blocked
// layout and back (a reorder of a few thousand floats), because the direct kernels oneDNN has for
// that layout beat its im2col+gemm path on HWIO filters 2-10x (measured at the benchmark CNN's shapes).
#include "conv.h"

#include <dnnl.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>

#include "threads.h"
#include "views.h"

namespace paperlab {

namespace {

using dnnl::memory;
using tag = memory::format_tag;

enum Kind { kForward = 0, kBackwardData = 1, kBackwardWeights = 2 };
// The activation codes of gemm.cc (binding.ts ACTIVATION_CODES) that map onto oneDNN post-ops.
enum Activation { kLinear = 0, kRelu = 1, kRelu6 = 2, kElu = 3, kLeakyRelu = 5, kSigmoid = 6 };

// n, h, w, ci, co, kh, kw, oh, ow, strideH, strideW, dilationH, dilationW, top, left, bottom, right.
constexpr int kGeometrySize = 17;
using Geometry = std::array<long, kGeometrySize>;

struct Key {
  int kind;
  Geometry g;
  bool bias;
  int activation;
  float alpha;
  int threads;  // oneDNN sizes its work split at creation: a new thread count needs a new primitive
  bool operator==(const Key& o) const {
    return kind == o.kind && g == o.g && bias == o.bias && activation == o.activation && alpha == o.alpha && threads == o.threads;
  }
};

struct Plan {
  dnnl::primitive conv;
  memory::desc scratchpad;    // oneDNN's working memory, ours (scratchpad_mode::user): see scratch()
  memory::desc user_weights;  // HWIO, as TF.js holds filters
  memory weights;             // the primitive's own filter layout, when it differs from HWIO
  dnnl::reorder to_weights;   // user -> primitive (forward, backward data) or back (backward weights)
  bool reorder = false;
};

// The engine, stream and cached primitives are never destroyed: no static destructor of ours runs
// at exit, after oneDNN's and OpenMP's own teardown.
dnnl::engine& cpu() {
  static dnnl::engine* engine = new dnnl::engine(dnnl::engine::kind::cpu, 0);
  return *engine;
}

dnnl::stream& queue() {
  static dnnl::stream* stream = new dnnl::stream(cpu());
  return *stream;
}

memory::desc nhwc(long n, long c, long h, long w) { return {{n, c, h, w}, memory::data_type::f32, tag::nhwc}; }

// TF.js sizes in oneDNN's order: NCHW logical dims (the memory stays NHWC), OIHW filters.
struct Descs {
  memory::desc x, y, weights_any, weights_hwio, bias;
  memory::dims strides, dilations, pad_l, pad_r;
};

Descs descsOf(const Geometry& g, bool bias) {
  const auto [n, h, w, ci, co, kh, kw, oh, ow, sh, sw, dh, dw, top, left, bottom, right] = g;
  Descs d;
  d.x = nhwc(n, ci, h, w);
  d.y = nhwc(n, co, oh, ow);
  d.weights_any = memory::desc({co, ci, kh, kw}, memory::data_type::f32, tag::any);
  d.weights_hwio = memory::desc({co, ci, kh, kw}, memory::data_type::f32, tag::hwio);
  if (bias) d.bias = memory::desc({co}, memory::data_type::f32, tag::x);
  d.strides = {sh, sw};
  d.dilations = {dh - 1, dw - 1};  // oneDNN counts the gaps: 0 is no dilation
  d.pad_l = {top, left};
  d.pad_r = {bottom, right};
  return d;
}

dnnl::primitive_attr attrOf(int activation, float alpha) {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  dnnl::post_ops ops;
  // Each matches TF.js's activation (tfjs-core fused_util): relu6 = min(max(x, 0), 6),
  // elu = x > 0 ? x : e^x - 1, leakyrelu = x > 0 ? x : alpha x, sigmoid = 1 / (1 + e^-x).
  switch (activation) {
    case kRelu: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_relu, 0.f, 0.f); break;
    case kRelu6: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_clip, 0.f, 6.f); break;
    case kElu: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_elu, 1.f, 0.f); break;
    case kLeakyRelu: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_relu, alpha, 0.f); break;
    case kSigmoid: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_logistic, 0.f, 0.f); break;
    default: break;
  }
  attr.set_post_ops(ops);
  return attr;
}

dnnl::convolution_forward::primitive_desc forwardPd(const Descs& d, const dnnl::primitive_attr& attr, dnnl::prop_kind prop) {
  dnnl::convolution_forward::desc desc(prop, dnnl::algorithm::convolution_direct, d.x, d.weights_any, d.bias, d.y,
                                       d.strides, d.dilations, d.pad_l, d.pad_r);
  return {desc, attr, cpu()};
}

// oneDNN 2.6's jit_1x1 kernels with a stride above 1 ("reduce to unit stride") write past the
// scratchpad they declare: measured 768 bytes beyond it for the filter gradient of x [3,8,9,4],
// filter [1,1,4,6], strides [2,1], which corrupted the heap (a SIGSEGV every few test runs). Take
// the next implementation oneDNN offers for those.
template <typename Pd>
Pd& avoidBroken(Pd& pd, const Geometry& g) {
  auto broken = [&] { return std::string(pd.impl_info_str()).find("1x1") != std::string::npos && (g[9] > 1 || g[10] > 1); };
  while (broken() && pd.next_impl()) {
  }
  if (broken()) throw dnnl::error(dnnl_unimplemented, "only a jit_1x1 implementation, which overruns its scratchpad with strides");
  return pd;
}

// The filter in HWIO, and in the primitive's layout when that differs (with the reorder between).
void bindWeights(Plan& p, const memory::desc& chosen, bool backward) {
  p.reorder = chosen != p.user_weights;
  if (!p.reorder) return;
  p.weights = memory(chosen, cpu());
  const memory::desc& from = backward ? chosen : p.user_weights;
  const memory::desc& to = backward ? p.user_weights : chosen;
  p.to_weights = dnnl::reorder(dnnl::reorder::primitive_desc(cpu(), from, cpu(), to));
}

Plan makePlan(const Key& k) {
  const Descs d = descsOf(k.g, k.bias);
  Plan p;
  p.user_weights = d.weights_hwio;
  if (k.kind == kForward) {
    auto pd = forwardPd(d, attrOf(k.activation, k.alpha), dnnl::prop_kind::forward_inference);
    p.conv = dnnl::convolution_forward(avoidBroken(pd, k.g));
    p.scratchpad = pd.scratchpad_desc();
    bindWeights(p, pd.weights_desc(), false);
    return p;
  }
  // The backward passes take the forward pass's choice of layout as a hint.
  auto hint = forwardPd(d, attrOf(kLinear, 0.f), dnnl::prop_kind::forward_training);
  const dnnl::primitive_attr attr = attrOf(kLinear, 0.f);
  if (k.kind == kBackwardData) {
    dnnl::convolution_backward_data::desc desc(dnnl::algorithm::convolution_direct, d.x, d.weights_any, d.y,
                                               d.strides, d.dilations, d.pad_l, d.pad_r);
    dnnl::convolution_backward_data::primitive_desc pd(desc, attr, cpu(), hint);
    p.conv = dnnl::convolution_backward_data(avoidBroken(pd, k.g));
    p.scratchpad = pd.scratchpad_desc();
    bindWeights(p, pd.weights_desc(), false);
  } else {
    dnnl::convolution_backward_weights::desc desc(dnnl::algorithm::convolution_direct, d.x, d.weights_any, d.y,
                                                  d.strides, d.dilations, d.pad_l, d.pad_r);
    dnnl::convolution_backward_weights::primitive_desc pd(desc, attr, cpu(), hint);
    p.conv = dnnl::convolution_backward_weights(avoidBroken(pd, k.g));
    p.scratchpad = pd.scratchpad_desc();
    bindWeights(p, pd.diff_weights_desc(), true);
  }
  return p;
}

// A training step meets a handful of shapes (each layer's forward and backward passes): keep the
// most recently used plans, so a step reuses primitives instead of generating kernels again.
constexpr size_t kCacheSize = 32;

Plan& planFor(const Key& k) {
  static auto& cache = *new std::list<std::pair<Key, Plan>>();
  for (auto it = cache.begin(); it != cache.end(); ++it) {
    if (it->first == k) {
      cache.splice(cache.begin(), cache, it);
      return cache.front().second;
    }
  }
  cache.emplace_front(k, makePlan(k));
  if (cache.size() > kCacheSize) cache.pop_back();
  return cache.front().second;
}

// One scratchpad for every primitive (they run one at a time, on the JS thread), grown as needed,
// with a guard after it: a primitive that writes into the guard (as the jit_1x1 ones above did)
// is an error naming the geometry, not silent heap corruption.
constexpr size_t kGuardFloats = 1 << 14;
constexpr float kGuardValue = -1.234567e30f;

std::vector<float>& scratchBuffer() {
  static auto& buffer = *new std::vector<float>();
  return buffer;
}

float* scratch(size_t bytes) {
  std::vector<float>& b = scratchBuffer();
  const size_t floats = (bytes + 63) / 4 + 16;  // + room to align to 64 bytes
  if (b.size() < floats + kGuardFloats) b.assign(floats + kGuardFloats, kGuardValue);
  std::fill(b.end() - kGuardFloats, b.end(), kGuardValue);
  const uintptr_t at = reinterpret_cast<uintptr_t>(b.data());
  return reinterpret_cast<float*>((at + 63) & ~uintptr_t{63});
}

bool guardIntact() {
  const std::vector<float>& b = scratchBuffer();
  return std::all_of(b.end() - kGuardFloats, b.end(), [](float v) { return v == kGuardValue; });
}

Geometry geometryArg(const Napi::CallbackInfo& info, size_t i) {
  if (i >= info.Length() || !info[i].IsArray() || info[i].As<Napi::Array>().Length() != kGeometrySize) {
    throw Napi::TypeError::New(info.Env(), "paperlab native: argument 'geometry' must be an array of 17 numbers");
  }
  Napi::Array a = info[i].As<Napi::Array>();
  Geometry g;
  for (uint32_t j = 0; j < kGeometrySize; j++) g[j] = a.Get(j).As<Napi::Number>().Int64Value();
  for (long v : g) {
    if (v < 0) throw Napi::RangeError::New(info.Env(), "paperlab native: conv2d: geometry values must be >= 0");
  }
  return g;
}

}  // namespace

// conv2d(kind, a, b, out, geometry, bias | null, activation, alpha), NHWC activations, HWIO filter:
// kind 0: out = y = act(conv(a = x, b = filter) + bias); 1: out = dx from a = dy, b = filter;
// 2: out = dW from a = x, b = dy.
Napi::Value Conv2d(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const int kind = static_cast<int>(intArg(info, 0, "kind"));
  FloatView a = floatView(info, 1, "a");
  FloatView b = floatView(info, 2, "b");
  FloatView out = floatView(info, 3, "out");
  const Geometry g = geometryArg(info, 4);
  FloatView bias = optionalFloatView(info, 5, "bias");
  const int activation = static_cast<int>(intArg(info, 6, "activation"));
  const float alpha = info[7].As<Napi::Number>().FloatValue();
  const auto [n, h, w, ci, co, kh, kw, oh, ow, sh, sw, dh, dw, top, left, bottom, right] = g;
  if (kind < kForward || kind > kBackwardWeights) throw Napi::RangeError::New(env, "paperlab native: conv2d: kind must be 0, 1 or 2");
  if (kind != kForward && (bias.data || activation != kLinear)) {
    throw Napi::TypeError::New(env, "paperlab native: conv2d: bias and activation apply to the forward pass only");
  }
  const long xSize = n * h * w * ci, ySize = n * oh * ow * co, wSize = kh * kw * ci * co;
  const long sizes[3][3] = {{xSize, wSize, ySize}, {ySize, wSize, xSize}, {xSize, ySize, wSize}};
  requireSize(env, a, sizes[kind][0], "a");
  requireSize(env, b, sizes[kind][1], "b");
  requireSize(env, out, sizes[kind][2], "out");
  if (bias.data) requireSize(env, bias, co, "bias");
  try {
    Plan& p = planFor(Key{kind, g, bias.data != nullptr, activation, alpha, threads()});
    const Descs d = descsOf(g, bias.data != nullptr);
    dnnl::stream& s = queue();
    memory work(p.scratchpad, cpu(), scratch(p.scratchpad.get_size()));
    if (kind == kForward || kind == kBackwardData) {
      memory filter(p.user_weights, cpu(), b.data);
      if (p.reorder) p.to_weights.execute(s, filter, p.weights);
      memory weights = p.reorder ? p.weights : filter;
      if (kind == kForward) {
        std::unordered_map<int, memory> args{{DNNL_ARG_SRC, memory(d.x, cpu(), a.data)}, {DNNL_ARG_WEIGHTS, weights}, {DNNL_ARG_DST, memory(d.y, cpu(), out.data)}};
        if (bias.data) args.emplace(DNNL_ARG_BIAS, memory(d.bias, cpu(), bias.data));
        args.emplace(DNNL_ARG_SCRATCHPAD, work);
        p.conv.execute(s, args);
      } else {
        p.conv.execute(s, {{DNNL_ARG_DIFF_DST, memory(d.y, cpu(), a.data)}, {DNNL_ARG_WEIGHTS, weights}, {DNNL_ARG_DIFF_SRC, memory(d.x, cpu(), out.data)},
                           {DNNL_ARG_SCRATCHPAD, work}});
      }
    } else {
      memory dW(p.user_weights, cpu(), out.data);
      memory target = p.reorder ? p.weights : dW;
      p.conv.execute(s, {{DNNL_ARG_SRC, memory(d.x, cpu(), a.data)}, {DNNL_ARG_DIFF_DST, memory(d.y, cpu(), b.data)}, {DNNL_ARG_DIFF_WEIGHTS, target},
                         {DNNL_ARG_SCRATCHPAD, work}});
      if (p.reorder) p.to_weights.execute(s, p.weights, dW);
    }
    s.wait();
  } catch (const dnnl::error& e) {
    throw Napi::Error::New(env, std::string("paperlab native: conv2d: oneDNN: ") + e.what());
  }
  if (!guardIntact()) {
    std::string at;
    for (long v : g) at += (at.empty() ? "" : ",") + std::to_string(v);
    throw Napi::Error::New(env, "paperlab native: conv2d: oneDNN wrote past its scratchpad (kind " + std::to_string(kind) + ", geometry [" + at + "])");
  }
  return env.Undefined();
}

// The oneDNN implementation conv2d runs for a geometry (e.g. 'brgconv:avx512_core'): for the
// README's measurements and for tests that the primitive cache holds.
Napi::Value Conv2dImplementation(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const int kind = static_cast<int>(intArg(info, 0, "kind"));
  const Geometry g = geometryArg(info, 1);
  try {
    Plan& p = planFor(Key{kind, g, false, kLinear, 0.f, threads()});
    const dnnl_primitive_desc* pd = nullptr;
    dnnl_primitive_get_primitive_desc(p.conv.get(), &pd);
    const char* name = nullptr;
    dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, &name);
    return Napi::String::New(env, std::string(name ? name : "?") + (p.reorder ? " (filter reordered)" : ""));
  } catch (const dnnl::error& e) {
    throw Napi::Error::New(env, std::string("paperlab native: conv2d: oneDNN: ") + e.what());
  }
}

void InitConv(Napi::Env env, Napi::Object exports) {
  exports.Set("conv2d", Napi::Function::New(env, Conv2d));
  exports.Set("conv2dImplementation", Napi::Function::New(env, Conv2dImplementation));
}

}  // namespace paperlab
