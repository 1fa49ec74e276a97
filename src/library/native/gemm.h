#pragma once
#include <napi.h>

namespace paperlab {
void InitGemm(Napi::Env env, Napi::Object exports);
}
