using FaceAccord.Core;
using FaceAccord.Service.Galleries;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAccord.Server.Tests;

/// <summary>A server whose store's key file is gone refuses to start serving: loading its indexes fails with one clear line.</summary>
[Collection(ServerCollection.Name)]
public sealed class DataKeyServerTests(ServerFixture server)
{
    [Fact]
    public async Task Without_the_key_file_the_server_refuses_to_open_the_store()
    {
        string dir = Path.Combine(server.DataRoot, "no-key-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        await using (var first = server.Another(dir))
        {
            first.Services.GetRequiredService<Service.Tenants.TenantService>().Create("Acme", "commercial", "US", null, null);
        }

        File.Delete(Path.Combine(dir, "faceaccord.key"));
        await using var second = server.Another(dir);
        var refused = Assert.Throws<FaceAccordException>(() => second.Services.GetRequiredService<GalleryIndexes>().LoadAll());
        Assert.Equal("data-key-missing", refused.Code);
        Assert.DoesNotContain('\n', refused.Message);
    }
}
