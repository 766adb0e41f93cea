"use client";

import { useState } from "react";
import { LAYER_TYPES, type LayerType } from "@/lib/spec/schema";
import { getAt, isObject, layerLabel, moveItem, pathKey, type Json, type Path } from "../draft";
import { IssueMessages, useIssuesAt, useIssuesUnder } from "../issues";
import { inputClass, smallButtonClass as buttonClass } from "../styles";
import { useDraft, useFieldNames } from "./draft-context";
import { LayerFields, layerTemplate } from "./layer-fields";

function isLayerType(value: unknown): value is LayerType {
  return typeof value === "string" && (LAYER_TYPES as readonly string[]).includes(value);
}

function LayerCard({ path, index, count, listPath }: { path: Path; index: number; count: number; listPath: Path }) {
  const { draft, update } = useDraft();
  const layer = getAt(draft, path);
  const type = isObject(layer) ? layer.type : undefined;
  const known = isLayerType(type) ? type : undefined;
  // Issues about keys the layer's kind has no field for (unknown keys) are shown on the layer itself.
  const fieldNames = useFieldNames(path);
  const ownIssues = [...useIssuesAt(path), ...useIssuesUnder(path, known ? fieldNames : ["type"])];
  const typeIssues = useIssuesAt([...path, "type"]);
  const label = layerLabel(pathKey(path));
  const items = (getAt(draft, listPath) as Json[] | undefined) ?? [];
  const move = (to: number) => update(listPath, moveItem(items, index, to));
  return (
    <li className="rounded border border-stone-200 bg-white p-3" data-layer={pathKey(path)} aria-label={label}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-sm font-medium text-stone-700">{label}</span>
        <select
          aria-label={`${label} type`}
          className={`${inputClass} text-sm`}
          value={known ?? "unknown"}
         
          onChange={(event) => update(path, layerTemplate(event.target.value as LayerType) as Json)}
        >
          {!known && <option value="unknown">{JSON.stringify(type ?? null)}</option>}
          {LAYER_TYPES.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
        <span className="ml-auto flex gap-1">
          <button type="button" className={buttonClass} disabled={index === 0} onClick={() => move(index - 1)} aria-label={`Move ${label} up`}>
            ↑
          </button>
          <button type="button" className={buttonClass} disabled={index === count - 1} onClick={() => move(index + 1)} aria-label={`Move ${label} down`}>
            ↓
          </button>
          <button type="button" className={buttonClass} onClick={() => update(path, undefined)} aria-label={`Remove ${label}`}>
            Remove
          </button>
        </span>
      </div>
      <IssueMessages issues={[...typeIssues, ...ownIssues]} />
      {known && (
        <div className="mt-2 flex flex-wrap gap-3">
          <LayerFields type={known} path={path} />
        </div>
      )}
      {known === "residual" && (
        <div className="mt-3 border-l-2 border-indigo-200 pl-3">
          <p className="text-xs font-medium text-stone-600">Body</p>
          <LayerList path={[...path, "body"]} />
        </div>
      )}
    </li>
  );
}

/** An ordered, editable list of layers at `path` (the model's, or a residual block's body). */
export function LayerList({ path }: { path: Path }) {
  const { draft, update } = useDraft();
  const [newType, setNewType] = useState<LayerType>("dense");
  const value = getAt(draft, path);
  const layers = Array.isArray(value) ? value : [];
  const listIssues = useIssuesAt(path);
  const label = path.length === 2 ? "the model" : layerLabel(pathKey(path));
  return (
    <div className="space-y-2">
      <ol className="space-y-2">
        {layers.map((_, index) => (
          <LayerCard key={index} path={[...path, index]} index={index} count={layers.length} listPath={path} />
        ))}
      </ol>
      <IssueMessages issues={listIssues} />
      <div className="flex items-center gap-2 text-sm">
        <select aria-label={`New layer type for ${label}`} className={inputClass} value={newType} onChange={(event) => setNewType(event.target.value as LayerType)}>
          {LAYER_TYPES.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
        <button type="button" className={buttonClass} onClick={() => update(path, [...layers, layerTemplate(newType) as Json])}>
          Add layer to {label}
        </button>
      </div>
    </div>
  );
}
