// Schools on a lon/lat scatter (优质均衡 and 学区预警 draw the same map): one series per group in its colour, value
// axes scaled to the points with two decimals, the legend on top unless the page draws its own.
// A school without coordinates (lon/lat null or absent) is left off; the page says how many.
export const hasCoords = (s) => s.lon !== null && s.lon !== undefined && s.lat !== null && s.lat !== undefined

// groups: [{ name, color, schools }]; point(s) → the point's extra fields (value[2], data kept for the tooltip).
export function schoolMapOption({ groups, lonName, latName, tooltip, point = () => ({}), symbolSize = 12, legend = true }) {
  return {
    tooltip: { formatter: tooltip },
    legend: legend ? { top: 0 } : { show: false },
    grid: { left: 12, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', scale: true, name: lonName, axisLabel: { formatter: (v) => v.toFixed(2) } },
    yAxis: { type: 'value', scale: true, name: latName, axisLabel: { formatter: (v) => v.toFixed(2) } },
    series: groups.map((g) => ({
      name: g.name,
      type: 'scatter',
      symbolSize,
      itemStyle: { color: g.color, opacity: 0.85 },
      data: g.schools.filter(hasCoords).map((s) => {
        const extra = point(s)
        return { ...extra, name: s.name, value: [s.lon, s.lat, ...(extra.value || [])] }
      }),
    })),
  }
}
