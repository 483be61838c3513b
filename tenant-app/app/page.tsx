export default function Home() {
  return <main>MusicalWheel tenant runtime</main>;
}
