using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Checker.Sites;

/// <summary>
/// An in-process HTTPS server for many host names at once, on one loopback port with a generated certificate.
/// Chromium reaches it under real-looking names through --host-resolver-rules ("MAP *.test 127.0.0.1:PORT").
/// </summary>
public sealed class FixtureWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public int Port { get; }
    public SiteSource Sites { get; }

    private FixtureWebServer(WebApplication app, int port, SiteSource sites)
    {
        _app = app;
        Port = port;
        Sites = sites;
    }

    /// <summary>The resolver rule that sends every host of these top-level domains to this server.</summary>
    public string HostResolverRules(params string[] topLevelDomains) =>
        string.Join(",", topLevelDomains.Select(tld => $"MAP *.{tld.TrimStart('.')} 127.0.0.1:{Port}"));

    public static async Task<FixtureWebServer> StartAsync(SiteSource sites, CancellationToken cancellationToken = default)
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        // Requests seen per file with a "Fail-First" pseudo-header: the first N of them are dropped.
        var served = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        app.Run(context => ServeAsync(context, sites, served));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FixtureWebServer(app, new Uri(address).Port, sites);
    }

    private static async Task ServeAsync(HttpContext context, SiteSource sites, System.Collections.Concurrent.ConcurrentDictionary<string, int> served)
    {
        var file = sites.Find(context.Request.Host.Host, context.Request.Path.Value ?? "/");
        context.Response.Headers.CacheControl = "no-store";
        // Module scripts and fonts from another host need CORS, as on a real CDN.
        context.Response.Headers.AccessControlAllowOrigin = "*";
        if (file is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("not found");
            return;
        }
        // A flaky server: the connection is dropped, without an answer, for the first N requests of this file.
        if (file.Headers.FirstOrDefault(h => h.Key.Equals("Fail-First", StringComparison.OrdinalIgnoreCase)).Value is { } failFirst
            && int.TryParse(failFirst, out var failures)
            && served.AddOrUpdate(context.Request.Host.Host + context.Request.Path, 1, (_, n) => n + 1) <= failures)
        {
            context.Abort();
            return;
        }
        if (Refusal(context.Request, file) is { } refusal)
        {
            // A staging site: without what it requires, 401 (with a Basic challenge when that is what is missing).
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            if (refusal == "basic") context.Response.Headers.WWWAuthenticate = "Basic realm=\"staging\"";
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("unauthorized");
            return;
        }
        context.Response.ContentType = file.ContentType;
        foreach (var (name, value) in file.Headers)
        {
            if (name.StartsWith("Require-", StringComparison.OrdinalIgnoreCase) || name.Equals("Fail-First", StringComparison.OrdinalIgnoreCase)) continue;
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase) && int.TryParse(value, out var status))
                context.Response.StatusCode = status;
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                context.Response.ContentType = value;
            else if (name.Equals("Cache-Control", StringComparison.OrdinalIgnoreCase))
                context.Response.Headers.CacheControl = value; // a cacheable file (the default is no-store)
            else if (name.Equals("Delay-Ms", StringComparison.OrdinalIgnoreCase) && int.TryParse(value, out var delay))
                await Task.Delay(delay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default); // a slow or hanging resource
            else
                context.Response.Headers.Append(name, value);
        }
        await context.Response.Body.WriteAsync(file.Content);
    }

    /// <summary>
    /// What a request lacks of the file's "Require-Basic: user:password", "Require-Header: Name=value" and
    /// "Require-Cookie: name=value" pseudo-headers ("basic", "header", "cookie"), or null when it has them all.
    /// </summary>
    private static string? Refusal(HttpRequest request, SiteFile file)
    {
        foreach (var (name, value) in file.Headers)
        {
            if (name.Equals("Require-Basic", StringComparison.OrdinalIgnoreCase)
                && request.Headers.Authorization.ToString() != "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value)))
                return "basic";
            var pair = value.Split('=', 2);
            if (pair.Length != 2) continue;
            if (name.Equals("Require-Header", StringComparison.OrdinalIgnoreCase) && request.Headers[pair[0]].ToString() != pair[1])
                return "header";
            if (name.Equals("Require-Cookie", StringComparison.OrdinalIgnoreCase) && request.Cookies[pair[0]] != pair[1])
                return "cookie";
        }
        return null;
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Checker fixture web", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // Kestrel on Linux needs the key in a form it can use for TLS: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
