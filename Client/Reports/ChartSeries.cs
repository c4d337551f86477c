namespace AgentRL.Client.Reports;

/// <summary>One line of a <see cref="SvgLineChart"/>: its name (for the legend and tooltips), points, colour and weight.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points, string Colour = "#1f6feb")
{
    public double StrokeWidth { get; init; } = 2;

    public double Opacity { get; init; } = 1;

    /// <summary>Whether each point gets a marker with a tooltip.</summary>
    public bool Markers { get; init; } = true;

    /// <summary>Whether the series has a legend entry (thin per-seed lines usually do not).</summary>
    public bool InLegend { get; init; } = true;
}
