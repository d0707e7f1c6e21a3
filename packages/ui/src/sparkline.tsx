import { cn } from "./cn";

export type SparklinePoint = { value: number | null; flagged?: boolean };

/**
 * A small trend line without axes, for a table cell. Points without a value leave a gap; flagged
 * points (failed runs, say) get a red dot. It is an image with a text alternative: callers give
 * the figure in words as `label`, since a line alone tells a screen reader nothing.
 */
export function Sparkline({
  points,
  label,
  width = 120,
  height = 32,
  className,
}: {
  points: SparklinePoint[];
  label: string;
  width?: number;
  height?: number;
  className?: string;
}) {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const pad = 3;
  const max = Math.max(...values, 1);
  const min = Math.min(...values, max);
  const span = max - min || 1;
  const x = (index: number) => (points.length <= 1 ? width / 2 : pad + (index * (width - 2 * pad)) / (points.length - 1));
  const y = (value: number) => height - pad - ((value - min) / span) * (height - 2 * pad);

  let path = "";
  let drawing = false;
  points.forEach((point, index) => {
    if (point.value === null) {
      drawing = false;
      return;
    }
    path += `${drawing ? "L" : "M"}${x(index).toFixed(1)},${y(point.value).toFixed(1)}`;
    drawing = true;
  });

  return (
    <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} className={cn("overflow-visible", className)}>
      <line x1={pad} x2={width - pad} y1={height - pad} y2={height - pad} className="stroke-slate-200" strokeWidth={1} />
      {path ? <path d={path} fill="none" className="stroke-indigo-500" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" /> : null}
      {points.map((point, index) =>
        point.flagged ? (
          <circle key={index} cx={x(index)} cy={point.value === null ? height - pad : y(point.value)} r={2.5} className="fill-red-500" />
        ) : null,
      )}
    </svg>
  );
}
