#pragma once
#include <napi.h>

namespace paperlab {
void InitConv(Napi::Env env, Napi::Object exports);
}
