var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCors(options =>
    options.AddDefaultPolicy(policy => policy.WithOrigins("https://app.example.com/").AllowAnyHeader()));
var app = builder.Build();
app.UseCors();
app.MapGet("/api/data", () => "{}");
app.Run();
