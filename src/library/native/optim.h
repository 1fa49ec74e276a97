#pragma once
#include <napi.h>

namespace paperlab {
void InitOptim(Napi::Env env, Napi::Object exports);
}
