// What node previews need from the browser (src/editor/preview/preview_browser.cpp
// calls it through Module.llmosPreviews): images decoded by the browser and
// uploaded as WebGL textures of the app's own GL context, and downloads.

// Decodes a base64 PNG or an SVG document into an ImageBitmap. SVGs are
// rasterised at `pixelScale` times their size so they stay sharp on HiDPI.
export async function decodeImage(format, data, pixelScale = 1) {
  if (format === 'png') {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    return createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  }
  // createImageBitmap does not take SVG blobs: go through an <img>.
  const url = URL.createObjectURL(new Blob([data], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const width = Math.max(1, Math.round((image.naturalWidth || 300) * pixelScale));
    const height = Math.max(1, Math.round((image.naturalHeight || 150) * pixelScale));
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d').drawImage(image, 0, 0, width, height);
    return canvas.transferToImageBitmap();
  } finally {
    URL.revokeObjectURL(url);
  }
}

// Uploads a bitmap as an RGBA texture (linear filtering, clamped) and returns
// the WebGLTexture; `gl` is the app's WebGL2 context.
export function uploadTexture(gl, bitmap) {
  const texture = gl.createTexture();
  const previous = gl.getParameter(gl.TEXTURE_BINDING_2D);
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
  gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, bitmap);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
  gl.bindTexture(gl.TEXTURE_2D, previous);
  return texture;
}

// Saves `data` (a string, or bytes) as a file through the browser.
export function download(fileName, mime, data) {
  const url = URL.createObjectURL(new Blob([data], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function base64Bytes(data) {
  return Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
}
