#pragma once
#include <napi.h>

namespace paperlab {
void InitReduce(Napi::Env env, Napi::Object exports);
}
