// Entry point of paperlab's native compute addon: joins the parts and reports what it links.
#include <napi.h>

#include <string>

#include "conv.h"
#include "gemm.h"
#include "optim.h"
#include "linalg.h"
#include "pool.h"
#include "reduce.h"
#include "threads.h"

extern "C" char* openblas_get_config(void);
extern "C" int openblas_get_parallel(void);

namespace paperlab {

// info(): which BLAS this build runs and with how many threads (recorded in every run's manifest).
static Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  out.Set("blas", std::string(openblas_get_config()));
  out.Set("blasParallel", openblas_get_parallel());
  out.Set("threads", threads());
  return out;
}

static Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  set_threads(static_cast<int>(info[0].As<Napi::Number>().Int32Value()));
  return Napi::Number::New(info.Env(), threads());
}

}  // namespace paperlab

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  using namespace paperlab;
  exports.Set("info", Napi::Function::New(env, Info));
  exports.Set("setThreads", Napi::Function::New(env, SetThreads));
  InitGemm(env, exports);
  InitOptim(env, exports);
  InitLinalg(env, exports);
  InitConv(env, exports);
  InitPool(env, exports);
  InitReduce(env, exports);
  return exports;
}

NODE_API_MODULE(paperlab_native, Init)
