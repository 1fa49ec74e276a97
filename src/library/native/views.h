// Arguments from JavaScript: typed-array views (no copy: the pointer is into the caller's memory,
// e.g. the wasm heap) and integer sizes, each checked with an error that names the argument.
#pragma once
#include <napi.h>

#include <string>

namespace paperlab {

struct FloatView {
  float* data = nullptr;
  size_t length = 0;
};

struct DoubleView {
  double* data = nullptr;
  size_t length = 0;
};

// Errors are C++ exceptions (NAPI_CPP_EXCEPTIONS): node-addon-api turns them into JS errors.
template <typename T, napi_typedarray_type kType>
inline void typedView(const Napi::CallbackInfo& info, size_t i, const char* name, const char* kind, T** data, size_t* length) {
  if (i >= info.Length() || !info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != kType) {
    throw Napi::TypeError::New(info.Env(), std::string("paperlab native: argument '") + name + "' must be a " + kind);
  }
  Napi::TypedArray t = info[i].As<Napi::TypedArray>();
  *data = reinterpret_cast<T*>(static_cast<uint8_t*>(t.ArrayBuffer().Data()) + t.ByteOffset());
  *length = t.ElementLength();
}

inline FloatView floatView(const Napi::CallbackInfo& info, size_t i, const char* name) {
  FloatView v;
  typedView<float, napi_float32_array>(info, i, name, "Float32Array", &v.data, &v.length);
  return v;
}

inline FloatView optionalFloatView(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (i >= info.Length() || info[i].IsNull() || info[i].IsUndefined()) return FloatView{};
  return floatView(info, i, name);
}

inline DoubleView doubleView(const Napi::CallbackInfo& info, size_t i, const char* name) {
  DoubleView v;
  typedView<double, napi_float64_array>(info, i, name, "Float64Array", &v.data, &v.length);
  return v;
}

inline long intArg(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (i >= info.Length() || !info[i].IsNumber()) {
    throw Napi::TypeError::New(info.Env(), std::string("paperlab native: argument '") + name + "' must be a number");
  }
  return static_cast<long>(info[i].As<Napi::Number>().Int64Value());
}

template <typename View>
inline void requireSize(Napi::Env env, const View& v, long needed, const char* name) {
  if (needed < 0 || static_cast<long>(v.length) < needed) {
    throw Napi::RangeError::New(env, std::string("paperlab native: '") + name + "' has " + std::to_string(v.length) +
                                         " values, needs " + std::to_string(needed));
  }
}

}  // namespace paperlab
