// float64 solvers of src/library/models through LAPACKE and cblas (linalg.cc).
#pragma once
#include <napi.h>

namespace paperlab {
void InitLinalg(Napi::Env env, Napi::Object exports);
}
