/**
 * Compiles and links the small WebGL2 programs of the dashboard's own layers (nodes while the
 * camera moves, edges as lines). Throws with the driver's log when a shader does not compile, so
 * the caller can fall back to Sigma's programs. Also the vertex buffer and array of one program
 * whose vertices are interleaved floats.
 */

function compile(gl: WebGL2RenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type);
  if (shader === null) throw new Error('WebGL: cannot create a shader');
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (gl.getShaderParameter(shader, gl.COMPILE_STATUS) !== true)
    throw new Error(`WebGL: ${gl.getShaderInfoLog(shader) ?? 'a shader does not compile'}`);
  return shader;
}

export interface LinkedProgram {
  program: WebGLProgram;
  vertex: WebGLShader;
  fragment: WebGLShader;
}

/** A linked program from GLSL ES 3.00 sources. */
export function linkProgram(
  gl: WebGL2RenderingContext,
  vertexSource: string,
  fragmentSource: string,
): LinkedProgram {
  const vertex = compile(gl, gl.VERTEX_SHADER, vertexSource);
  const fragment = compile(gl, gl.FRAGMENT_SHADER, fragmentSource);
  const program = gl.createProgram();
  gl.attachShader(program, vertex);
  gl.attachShader(program, fragment);
  gl.linkProgram(program);
  if (gl.getProgramParameter(program, gl.LINK_STATUS) !== true)
    throw new Error(`WebGL: ${gl.getProgramInfoLog(program) ?? 'a program does not link'}`);
  return { program, vertex, fragment };
}

/** Releases what `linkProgram` created. */
export function deleteProgram(gl: WebGL2RenderingContext, linked: LinkedProgram): void {
  gl.deleteProgram(linked.program);
  gl.deleteShader(linked.vertex);
  gl.deleteShader(linked.fragment);
}

/** One buffer of interleaved float vertices and the vertex array that reads it. */
export interface VertexLayout {
  buffer: WebGLBuffer;
  vao: WebGLVertexArrayObject;
  /** The generation of the data last uploaded into `buffer` (-1: none yet). */
  uploaded: number;
}

/**
 * A buffer and vertex array for `program`, whose vertices are `stride` floats each; every
 * attribute is `[name, floats, offset in floats]`. An attribute the program does not use (the
 * driver optimized it away) is skipped.
 */
export function createVertexLayout(
  gl: WebGL2RenderingContext,
  program: WebGLProgram,
  stride: number,
  attributes: readonly (readonly [name: string, size: number, offset: number])[],
): VertexLayout {
  const buffer = gl.createBuffer();
  const vao = gl.createVertexArray();
  gl.bindVertexArray(vao);
  gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
  const bytes = Float32Array.BYTES_PER_ELEMENT;
  for (const [name, size, offset] of attributes) {
    const location = gl.getAttribLocation(program, name);
    if (location < 0) continue;
    gl.enableVertexAttribArray(location);
    gl.vertexAttribPointer(location, size, gl.FLOAT, false, stride * bytes, offset * bytes);
  }
  gl.bindVertexArray(null);
  return { buffer, vao, uploaded: -1 };
}

/**
 * Makes `program` and `layout` current for a draw, uploading `data()` first when `generation` (the
 * caller's count of packings) is not the one the buffer holds. The caller unbinds the vertex array
 * after drawing.
 */
export function bindForDraw(
  gl: WebGL2RenderingContext,
  program: WebGLProgram,
  layout: VertexLayout,
  generation: number,
  data: () => Float32Array,
): void {
  gl.useProgram(program);
  gl.bindVertexArray(layout.vao);
  gl.bindBuffer(gl.ARRAY_BUFFER, layout.buffer);
  if (layout.uploaded === generation) return;
  gl.bufferData(gl.ARRAY_BUFFER, data(), gl.STATIC_DRAW);
  layout.uploaded = generation;
}

/** Releases what `createVertexLayout` created. */
export function deleteVertexLayout(gl: WebGL2RenderingContext, layout: VertexLayout): void {
  gl.deleteBuffer(layout.buffer);
  gl.deleteVertexArray(layout.vao);
}
