// Partner sites embed the order widget: echo their Origin when it is one of them.
import { NextResponse, type NextRequest } from 'next/server';

const PARTNERS = ['https://partner-a.example', 'https://partner-b.example'];

export function middleware(request: NextRequest) {
  const origin = request.headers.get('origin') ?? '';
  const res = NextResponse.next();
  if (PARTNERS.includes(origin)) {
    res.headers.set('Access-Control-Allow-Origin', origin);
    res.headers.set('Access-Control-Allow-Credentials', 'true');
  }
  return res;
}

export const config = { matcher: '/api/orders/:path*' };
