import { Card } from './card';

/** A section whose screens are not built yet: says so plainly and lists what is coming. */
export function PlannedSection({ label, body, items }: { label: string; body: string; items: string[] }) {
  return (
    <Card>
      <div className="flex items-start gap-4">
        <span className="rounded-md bg-amber-100 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-amber-800">{label}</span>
        <div>
          <p className="text-sm text-slate-600">{body}</p>
          <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
            {items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
      </div>
    </Card>
  );
}
