/**
 * The graph on screen. Mounts the single Sigma renderer (graph/sigma-host.ts) in its container,
 * shows the given graph, applies the highlight, and reports clicks. Killing the renderer on
 * unmount releases the WebGL context. No React state follows the camera: panning and zooming
 * never re-render the app.
 */
import { useEffect, useRef } from 'react';
import type { Highlight } from '../graph/highlight.js';
import {
  focusNodes,
  killSigma,
  mountSigma,
  setHighlight,
  showGraph,
  type DisplayGraph,
  type SigmaHandlers,
} from '../graph/sigma-host.js';

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
    if (!mounted.current) {
      mountSigma(element, graph, stable, highlightRef.current);
      mounted.current = true;
    } else {
      showGraph(graph, highlightRef.current);
    }
    element.dataset.nodes = String(graph.order);
    element.dataset.edges = String(graph.size);
    element.dataset.rendered = 'true';
  }, [graph]);

  useEffect(
    () => () => {
      killSigma();
      mounted.current = false;
    },
    [],
  );

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
    <div
      className="graph-canvas"
      ref={container}
      data-testid="graph-canvas"
      role="img"
      aria-label={description}
    />
  );
}
