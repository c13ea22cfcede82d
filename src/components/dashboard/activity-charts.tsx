"use client";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DailyDocuments, DailyExports, DailySyncs } from "@/server/stats/activity-stats";

const day = (d: string) => d.slice(8, 10) + "/" + d.slice(5, 7);
const margin = { top: 8, right: 8, left: -16, bottom: 0 };

export function DocumentsChart({ data }: { data: DailyDocuments[] }) {
  return (
    <figure aria-label="Documentos por día: procesados, con error y en proceso" className="h-64">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={margin}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={day} fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip labelFormatter={(v) => day(String(v))} />
          <Legend />
          <Area type="monotone" dataKey="processed" name="Procesados" stackId="a" stroke="#16a34a" fill="#16a34a" fillOpacity={0.35} />
          <Area type="monotone" dataKey="failed" name="Con error" stackId="a" stroke="#dc2626" fill="#dc2626" fillOpacity={0.35} />
          <Area type="monotone" dataKey="inProgress" name="En proceso" stackId="a" stroke="#d97706" fill="#d97706" fillOpacity={0.25} />
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function ExportsChart({ data }: { data: DailyExports[] }) {
  return (
    <figure aria-label="Envíos a conectores por día y resultado" className="h-64">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={margin}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={day} fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip labelFormatter={(v) => day(String(v))} />
          <Legend />
          <Bar dataKey="success" name="Exitosos" stackId="a" fill="#16a34a" />
          <Bar dataKey="failed" name="Fallidos" stackId="a" fill="#dc2626" />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function SyncsChart({ data }: { data: DailySyncs[] }) {
  return (
    <figure aria-label="Sincronizaciones por día y resultado" className="h-64">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={margin}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={day} fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip labelFormatter={(v) => day(String(v))} />
          <Legend />
          <Bar dataKey="success" name="Correctas" stackId="a" fill="#16a34a" />
          <Bar dataKey="partial" name="Parciales" stackId="a" fill="#d97706" />
          <Bar dataKey="failed" name="Fallidas" stackId="a" fill="#dc2626" />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
