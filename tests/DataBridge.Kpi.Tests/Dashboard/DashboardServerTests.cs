using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataBridge.Kpi.Dashboard;
using DataBridge.Kpi.Tests.Engine;

namespace DataBridge.Kpi.Tests.Dashboard;

public sealed partial class DashboardServerTests
{
    private const string LinePath = "acme/plant1/assembly/line1";

    private static Scenario RunningCell()
    {
        // One cell running 00:00-02:00 with PRI 30 s and 216 parts: OEE = 30 × 216 / 7200 = 0.9.
        var s = new Scenario(Scenario.Cell(30));
        s.State("00:00", 1);
        s.Total("00:00", 0);
        s.Total("02:00", 216);
        return s;
    }

    private static async Task<KpiDashboardServer> StartAsync(KpiSnapshotHub hub) =>
        await KpiDashboardServer.StartAsync(hub, new KpiDashboardOptions { Url = "http://127.0.0.1:0" });

    private static double? LineOee(JsonElement root, string window)
    {
        foreach (var a in root.GetProperty("assets").EnumerateArray())
        {
            if (a.GetProperty("path").GetString() == LinePath)
            {
                var w = a.GetProperty(window);
                return w.GetProperty("oee").ValueKind == JsonValueKind.Null ? null : w.GetProperty("oee").GetDouble();
            }
        }

        return null;
    }

    [Fact]
    public async Task Api_returns_the_published_snapshot_as_json()
    {
        var hub = new KpiSnapshotHub();
        await using var server = await StartAsync(hub);
        var s = RunningCell();
        hub.Publish(s.ComputeAt("02:00"));
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(10) };

        using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/kpi", UriKind.Relative)));

        Assert.Equal("127.0.0.1", server.Address.Host);
        Assert.NotEqual(0, server.Address.Port);
        Assert.Equal(0.9, LineOee(doc.RootElement, "shift")!.Value, 4);
        var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("\"snapshots\":1", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_stream_sends_the_current_snapshot_and_then_every_new_one()
    {
        var hub = new KpiSnapshotHub();
        await using var server = await StartAsync(hub);
        var s = RunningCell();
        hub.Publish(s.ComputeAt("02:00"));
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(20) };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await http.GetAsync(new Uri("/api/kpi/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));

        var first = await NextEventAsync(reader, cts.Token);
        Assert.Equal(0.9, LineOee(first.RootElement, "shift")!.Value, 4);

        // The cell breaks down 02:00-03:00: shift OEE = (7200 / 10800) × (30 × 216 / 7200) = 0.6.
        s.State("02:00", 0);
        hub.Publish(s.ComputeAt("03:00"));
        var second = await NextEventAsync(reader, cts.Token);
        Assert.Equal(0.6, LineOee(second.RootElement, "shift")!.Value, 4);
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task Page_and_its_assets_load_nothing_from_other_hosts()
    {
        var hub = new KpiSnapshotHub();
        await using var server = await StartAsync(hub);
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(10) };

        var html = await http.GetStringAsync(new Uri("/", UriKind.Relative));
        var css = await http.GetStringAsync(new Uri("/assets/app.css", UriKind.Relative));
        var js = await http.GetStringAsync(new Uri("/assets/app.js", UriKind.Relative));

        Assert.Contains("data-testid=\"sites\"", html, StringComparison.Ordinal);
        Assert.Contains("/api/kpi/stream", js, StringComparison.Ordinal);
        foreach (var (name, text) in new[] { ("index.html", html), ("app.css", css), ("app.js", js) })
        {
            // Only the SVG namespace URI may appear (it is an identifier, never fetched).
            var external = ExternalUrl().Matches(text).Where(m => m.Value != "http://www.w3.org/2000/svg").ToList();
            Assert.True(external.Count == 0, $"{name} references {string.Join(", ", external.Select(m => m.Value))}");
            Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']//", text);
            Assert.DoesNotContain("@import", text, StringComparison.Ordinal);
        }

        var notFound = await http.GetAsync(new Uri("/assets/nope.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }

    [Fact]
    public async Task Health_is_unavailable_when_snapshots_go_stale()
    {
        var hub = new KpiSnapshotHub();
        await using var server = await KpiDashboardServer.StartAsync(hub, new KpiDashboardOptions { Url = "http://127.0.0.1:0", StaleAfter = TimeSpan.FromSeconds(30) });
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(10) };

        var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    private static async Task<JsonDocument> NextEventAsync(StreamReader reader, CancellationToken ct)
    {
        while (true)
        {
            var line = await reader.ReadLineAsync(ct) ?? throw new EndOfStreamException("SSE stream ended");
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data: ".Length..]);
            }
        }
    }

    [GeneratedRegex(@"https?://[^\s""')]+")]
    private static partial Regex ExternalUrl();
}
