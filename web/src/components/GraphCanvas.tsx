/**
 * The graph on screen. Mounts the single Sigma renderer (graph/sigma-host.ts) in its container,
 * shows the given graph, applies the highlight, and reports clicks. Killing the renderer on
 * unmount releases the WebGL context. No React state follows the camera: panning and zooming
 * never re-render the app. While a large graph is handed to the renderer (in slices), a line says
 * how far it got; `data-rendered` turns `true` once the graph is drawn, and `data-drawing` then
 * says how (`sigma`, or `plain` for a very large graph on software WebGL: sigma-host.ts).
 */
import { useEffect, useRef, useState } from 'react';
import type { Highlight } from '../graph/highlight.js';
import { answerLabelMeasures } from '../graph/label-boxes.js';
import {
  currentDrawing,
  currentSigma,
  focusNodes,
  rendererDiagnostics,
  killSigma,
  mountSigma,
  planAccountLabels,
  setHighlight,
  showGraph,
  type DisplayGraph,
  type ShowProgress,
  type SigmaHandlers,
} from '../graph/sigma-host.js';

/** Renderers whose frames are already watched. */
const watched = new WeakSet<object>();

/**
 * After each frame, once frames stop (250 ms): how many labels are drawn and how many overlap,
 * and the private parts of Sigma this build misses — as data attributes for tests and support
 * (`data-drawn-labels`, `data-drawn-label-overlaps` — the labels Sigma drew last, after the
 * collision pass of sigma-internals.ts, at any level — and `data-sigma-contract`: `ok` or the
 * missing parts). label-boxes.ts answers `data-labels` on demand for the organization view.
 */
function watchDiagnostics(element: HTMLElement): void {
  const sigma = currentSigma();
  if (sigma === undefined || watched.has(sigma)) return;
  watched.add(sigma);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = (): void => {
    const d = rendererDiagnostics();
    if (d === undefined) return;
    element.dataset.drawnLabels = String(d.labels);
    element.dataset.drawnLabelOverlaps = String(d.overlaps);
    element.dataset.sigmaContract = d.contract.length === 0 ? 'ok' : d.contract.join('; ');
  };
  sigma.on('afterRender', () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(write, 250);
  });
  write();
}

export interface GraphCanvasProps {
  graph: DisplayGraph;
  highlight: Highlight;
  /** Nodes to bring into view when they change (selection, path, results). */
  focus: readonly string[];
  handlers: SigmaHandlers;
  /** Counts shown to assistive technology and tests (the canvas itself has no text). */
  description: string;
}

export function GraphCanvas({ graph, highlight, focus, handlers, description }: GraphCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const mounted = useRef(false);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  // A new graph is shown with the highlight of the same render, so Sigma processes it once.
  const highlightRef = useRef(highlight);
  highlightRef.current = highlight;
  const [drawing, setDrawing] = useState<string | undefined>(undefined);
  // A failure while the graph is handed over is rethrown during render, for the error boundary.
  const [failure, setFailure] = useState<Error | undefined>(undefined);
  if (failure !== undefined) throw failure;

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const stable: SigmaHandlers = {
      onNode: (key) => {
        handlersRef.current.onNode(key);
      },
      onEdge: (key) => {
        handlersRef.current.onEdge(key);
      },
      onStage: () => {
        handlersRef.current.onStage();
      },
    };
    let current = true;
    let percentShown = -1;
    const onProgress: ShowProgress = ({ done, total }) => {
      const percent = total === 0 ? 100 : Math.floor((done / total) * 20) * 5;
      if (!current || percent === percentShown) return;
      percentShown = percent;
      setDrawing(`${String(percent)}% of ${total.toLocaleString('en-US')} nodes and edges`);
    };
    element.dataset.nodes = String(graph.order);
    element.dataset.edges = String(graph.size);
    element.dataset.rendered = 'false';
    let shown: Promise<boolean>;
    if (!mounted.current) {
      shown = mountSigma(element, graph, stable, highlightRef.current, onProgress);
      mounted.current = true;
    } else {
      shown = showGraph(graph, highlightRef.current, onProgress);
    }
    shown.then(
      (drawn) => {
        if (!current || !drawn) return;
        planAccountLabels();
        element.dataset.drawing = currentDrawing() ?? 'sigma';
        element.dataset.rendered = 'true';
        setDrawing(undefined);
        watchDiagnostics(element);
      },
      (error: unknown) => {
        if (current) setFailure(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return () => {
      current = false;
    };
  }, [graph]);

  useEffect(
    () => () => {
      killSigma();
      mounted.current = false;
    },
    [],
  );

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    return answerLabelMeasures(element, currentSigma);
  }, []);

  // After a graph swap this finds the highlight already applied and does nothing.
  useEffect(() => {
    setHighlight(highlight);
  }, [highlight, graph]);

  const focusKey = focus.join('\n');
  useEffect(() => {
    if (focus.length > 0) focusNodes(focus);
    // `focusKey` stands for `focus`: a new array with the same keys must not move the camera.
  }, [focusKey, graph]);

  return (
    <>
      <div
        className="graph-canvas"
        ref={container}
        data-testid="graph-canvas"
        role="img"
        aria-label={description}
      />
      {drawing === undefined ? null : (
        <p
          className="status status-loading graph-drawing"
          role="status"
          data-testid="graph-drawing"
        >
          Drawing the graph… {drawing}
        </p>
      )}
    </>
  );
}
