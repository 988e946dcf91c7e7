/** @type {import('next').NextConfig} */
const nextConfig = {
  images: { remotePatterns: [{ hostname: 'cdn.example.com' }] },
  async headers() {
    return [
      {
        // the storefront at https://shop.example.com reads the public catalogue
        source: '/api/products/:path*',
        headers: [
          { key: 'Access-Control-Allow-Origin', value: 'https://shop.example.com/' },
          { key: 'Access-Control-Allow-Methods', value: 'GET, OPTIONS' },
        ],
      },
    ];
  },
};

export default nextConfig;
