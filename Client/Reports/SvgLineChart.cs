using System.Globalization;
using System.Net;
using System.Text;

namespace AgentRL.Client.Reports;

/// <summary>
/// A line chart as one self-contained SVG element (no scripts, no fonts to fetch): axes with ticks, any number of
/// series, an optional dashed reference level (a target), and a legend when more than one series is named.
/// </summary>
public static class SvgLineChart
{
    private const int Left = 48, Right = 16, Top = 16, Bottom = 36;

    /// <param name="title">What the chart shows, for screen readers.</param>
    public static string Render(IReadOnlyList<ChartSeries> series, string xLabel, double minY, double maxY, string title, double? referenceY = null, int width = 640, int height = 260)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (maxY <= minY)
        {
            throw new ArgumentException($"The y range [{minY}, {maxY}] is empty.", nameof(maxY));
        }

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{Encode(title)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#fafafa\"/>");
        var maxX = Math.Max(1, series.SelectMany(s => s.Points).Select(p => p.X).DefaultIfEmpty(1).Max());
        double Px(double x) => Left + x / maxX * (width - Left - Right);
        double Py(double y) => height - Bottom - (Math.Clamp(y, minY, maxY) - minY) / (maxY - minY) * (height - Top - Bottom);
        Line(svg, Left, height - Bottom, width - Right, height - Bottom, "#888");
        Line(svg, Left, Top, Left, height - Bottom, "#888");
        for (var tick = 0; tick <= 4; tick++)
        {
            var y = minY + (maxY - minY) * tick / 4;
            Line(svg, Left, Py(y), width - Right, Py(y), "#eee");
            Text(svg, Left - 6, Py(y) + 4, Format(y), "end");
            var x = maxX * tick / 4;
            Text(svg, Px(x), height - Bottom + 16, x.ToString("0.#", CultureInfo.InvariantCulture), "middle");
        }

        Text(svg, (width + Left) / 2.0, height - 4, xLabel, "middle");
        if (referenceY is { } reference)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Py(reference):F1}\" x2=\"{width - Right}\" y2=\"{Py(reference):F1}\" stroke=\"#999\" stroke-dasharray=\"5,4\"><title>target {Format(reference)}</title></line>");
        }

        foreach (var line in series.Where(s => s.Points.Count > 0))
        {
            var points = string.Join(' ', line.Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{Px(p.X):F1},{Py(p.Y):F1}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{line.Colour}\" stroke-width=\"{line.StrokeWidth}\" stroke-opacity=\"{line.Opacity}\" points=\"{points}\"/>");
            if (line.Markers)
            {
                foreach (var (x, y) in line.Points)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Px(x):F1}\" cy=\"{Py(y):F1}\" r=\"2.5\" fill=\"{line.Colour}\" fill-opacity=\"{line.Opacity}\"><title>{Encode(line.Name)}, {xLabel} {x:0.#}: {Format(y)}</title></circle>");
                }
            }
        }

        var legend = series.Where(s => s.InLegend).ToList();
        if (legend.Count > 1)
        {
            for (var i = 0; i < legend.Count; i++)
            {
                var y = Top + 8 + 14 * i;
                Line(svg, width - Right - 110, y - 4, width - Right - 92, y - 4, legend[i].Colour, 3);
                Text(svg, width - Right - 88, y, legend[i].Name, "start");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static void Line(StringBuilder svg, double x1, double y1, double x2, double y2, string colour, double strokeWidth = 1) =>
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x1:F1}\" y1=\"{y1:F1}\" x2=\"{x2:F1}\" y2=\"{y2:F1}\" stroke=\"{colour}\" stroke-width=\"{strokeWidth}\"/>");

    private static void Text(StringBuilder svg, double x, double y, string text, string anchor) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:F1}\" y=\"{y:F1}\" font-size=\"11\" text-anchor=\"{anchor}\">{Encode(text)}</text>");

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
