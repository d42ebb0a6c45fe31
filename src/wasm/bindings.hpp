// C exports for JS. Every function takes and returns UTF-8 JSON; results are
// malloc'ed and freed by the caller with llmos_free. Errors never throw across
// the boundary: they come back as {"ok":false,"error":{code,message,where}}.
#pragma once

extern "C" {
// Frees a string returned by any llmos_* export.
void llmos_free(char* text);
// {"ok":true,"version":"0.1.0"}.
char* llmos_version();
}
