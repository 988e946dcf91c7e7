import { NextResponse } from 'next/server';

const products = [{ id: 1, name: 'Mug' }];

export async function GET() {
  return NextResponse.json(products, { headers: { 'Cache-Control': 'public, max-age=60' } });
}
